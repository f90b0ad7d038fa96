/**
 * @sinapse/data — datasets for learning neural networks.
 */
export { type Dataset, type SpiralOptions, spiral } from "./spiral.js";
