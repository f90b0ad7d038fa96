/**
 * @sinapse/data — datasets for learning neural networks.
 */
export { spiral, type Dataset, type SpiralOptions } from "./spiral.js";
