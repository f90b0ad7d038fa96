import { packageConfig } from "@sinapse/test-utils/config";

// Browser tests: the built app served on 127.0.0.1 and driven in Debian's Chromium.
export default packageConfig({ include: ["e2e/**/*.e2e.ts"], report: "e2e", testTimeout: 60_000 });
