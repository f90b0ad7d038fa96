import { packageConfig } from "@sinapse/test-utils/config";

export default packageConfig();
