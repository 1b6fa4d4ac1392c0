import { describe, expect, it } from "vitest";
import { listenersIn } from "./agent.ts";

const HEAD = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
const row = (local: string, st = "0A") =>
  `   0: ${local} 00000000:0000 ${st} 00000000:00000000 00:00000000 00000000  1000        0 1 1\n`;

describe("listeners on the agent's port from /proc/net/tcp{,6}", () => {
  const port = 0x1f90; // 8080
  const cases: { name: string; table: string; want: { address: string; loopback: boolean }[] }[] = [
    { name: "127.0.0.1 only", table: HEAD + row("0100007F:1F90"), want: [{ address: "127.0.0.1", loopback: true }] },
    {
      name: "0.0.0.0: every interface",
      table: HEAD + row("00000000:1F90"),
      want: [{ address: "0.0.0.0", loopback: false }],
    },
    { name: "another port is not ours", table: HEAD + row("00000000:1F91"), want: [] },
    { name: "an established connection is not a listener", table: HEAD + row("0100007F:1F90", "01"), want: [] },
    {
      name: "IPv6 any",
      table: HEAD + row("00000000000000000000000000000000:1F90"),
      want: [{ address: "::", loopback: false }],
    },
    {
      name: "IPv6 loopback",
      table: HEAD + row("00000000000000000000000001000000:1F90"),
      want: [{ address: "::1", loopback: true }],
    },
  ];
  for (const c of cases) it(c.name, () => expect(listenersIn(c.table, port)).toEqual(c.want));
});
