// `node --test`: the rule that decides whether a ratio against a Python peer is printed.
import assert from "node:assert/strict";
import { test } from "node:test";
import { blasVerdict } from "./blas.mjs";

const openblas = "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so";

test("accepts OpenBLAS with its AVX-512 kernel on an AVX-512 CPU", () => {
  const v = blasVerdict({ mapped: [openblas], corename: "SkylakeX", version: "0.3.21", avx512: true, env: {} });
  assert.equal(v.ok, true);
  assert.equal(v.core, "SkylakeX");
});

test("refuses the reference BLAS, naming it", () => {
  const v = blasVerdict({ mapped: ["/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0"], avx512: true, env: {} });
  assert.equal(v.ok, false);
  assert.match(v.reason, /reference/);
});

test("refuses a kernel pinned by OPENBLAS_CORETYPE", () => {
  const v = blasVerdict({
    mapped: [openblas],
    corename: "Haswell",
    avx512: true,
    env: { OPENBLAS_CORETYPE: "Haswell" },
  });
  assert.equal(v.ok, false);
  assert.match(v.reason, /OPENBLAS_CORETYPE=Haswell/);
});

test("refuses a non-AVX-512 kernel on an AVX-512 CPU", () => {
  const v = blasVerdict({ mapped: [openblas], corename: "Haswell", avx512: true, env: {} });
  assert.equal(v.ok, false);
  assert.match(v.reason, /Haswell/);
});

test("accepts the Haswell kernel on a CPU without AVX-512", () => {
  assert.equal(blasVerdict({ mapped: [openblas], corename: "Haswell", avx512: false, env: {} }).ok, true);
});

test("refuses when no BLAS is mapped", () => {
  assert.equal(blasVerdict({ mapped: [], env: {} }).ok, false);
});
