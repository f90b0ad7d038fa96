export { type AllcloseOptions, type AllcloseResult, allclose } from "./allclose.js";
