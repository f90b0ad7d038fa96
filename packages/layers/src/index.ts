/**
 * @sinapse/layers — neural-network layers in the vocabulary of Neural Networks from Scratch.
 */

export { Dense, type DenseOptions } from "./dense.js";
export { Module } from "./module.js";
