// Entry for the size budget: everything tensor, autograd and layers export, as one bundle.

export * as autograd from "@sinapse/autograd";
export * as layers from "@sinapse/layers";
export * as tensor from "@sinapse/tensor";
