/**
 * @sinapse/layers — neural-network layers in the vocabulary of Neural Networks from Scratch.
 */
export { Module } from "./module.js";
export { Dense, type DenseOptions } from "./dense.js";
