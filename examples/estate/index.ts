import { estate } from "./program";

export = estate();
