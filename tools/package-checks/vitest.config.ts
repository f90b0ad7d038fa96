import { packageConfig } from "@sinapse/test-utils/config";

// Packing and bundling take a few seconds per package.
export default packageConfig({ report: "package-checks", testTimeout: 120_000 });
