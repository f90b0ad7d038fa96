export { type AllcloseOptions, type AllcloseResult, allclose } from "./allclose.js";
export { decodeNumber, type FixtureNumber } from "./fixtures.js";
