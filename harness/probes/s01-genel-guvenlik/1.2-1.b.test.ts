import { describeSigningSideProbe } from "../../testing/probes/signing-side-cases.ts";
import probe from "./1.2-1.b.ts";

describeSigningSideProbe("1.2-1.b", probe);
