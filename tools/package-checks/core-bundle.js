// Entry for the size budget: everything tensor, autograd and layers export, as one bundle.
export * as tensor from "@sinapse/tensor";
export * as autograd from "@sinapse/autograd";
export * as layers from "@sinapse/layers";
