export { allclose, type AllcloseOptions, type AllcloseResult } from "./allclose.js";
