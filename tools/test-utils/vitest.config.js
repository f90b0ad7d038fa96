import { packageConfig } from "./config.js";

export default packageConfig();
