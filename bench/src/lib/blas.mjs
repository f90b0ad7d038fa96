// Which BLAS a Python peer loaded, and whether a ratio against it may be printed.
// The facts come from bench/src/peers.py (`blas_facts`): the BLAS libraries mapped into the
// process (/proc/self/maps), OpenBLAS's own core name and config (through ctypes), what
// threadpoolctl reports, the OPENBLAS_* variables the process saw and the CPU's AVX-512 flags.

/** OpenBLAS kernels that use AVX-512 (the best ones on an AVX-512 CPU such as Zen 4/5). */
const AVX512_CORES = new Set(["skylakex", "cooperlake", "sapphirerapids", "zen4", "zen5"]);

/**
 * `{ ok, library, core, reason }`: ok is false, with the reason, when the reference BLAS
 * (netlib libblas.so.3) loaded, when no BLAS can be identified, when OPENBLAS_CORETYPE pins
 * the kernel, or when OpenBLAS chose a kernel without AVX-512 on a CPU that has it.
 */
export function blasVerdict(facts) {
  const mapped = facts?.mapped ?? [];
  const openblas = mapped.find((p) => /libopenblas/i.test(p)) ?? mapped.find((p) => /openblas/i.test(p));
  const other = mapped.find((p) => /mkl|blis/i.test(p));
  const reference = mapped.find((p) => /\/blas\/libblas\.so/.test(p) || /libblas\.so\.3$/.test(p));
  const core = facts?.corename ?? null;
  if (openblas) {
    const library = `OpenBLAS${facts.version ? ` ${facts.version}` : ""} (${openblas})`;
    if (facts.env?.OPENBLAS_CORETYPE) {
      return {
        ok: false,
        library,
        core,
        reason: `OPENBLAS_CORETYPE=${facts.env.OPENBLAS_CORETYPE} pins the kernel (unset it for the benchmark)`,
      };
    }
    if (facts.avx512 && core && !AVX512_CORES.has(core.toLowerCase())) {
      return {
        ok: false,
        library,
        core,
        reason: `OpenBLAS chose the ${core} kernel on a CPU with AVX-512 (a pinned or misdetected core type)`,
      };
    }
    return { ok: true, library, core, reason: null };
  }
  if (other) return { ok: true, library: other, core, reason: null };
  if (reference) {
    return {
      ok: false,
      library: `reference BLAS (${reference})`,
      core,
      reason: "the reference (netlib) BLAS loaded: install libopenblas0-pthread",
    };
  }
  return { ok: false, library: "unknown", core, reason: "no BLAS library found in the process's memory map" };
}
