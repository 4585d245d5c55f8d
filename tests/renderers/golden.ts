// Golden files of the renderers (vendor CLIs, strongSwan, libreswan, BGP): each rendered config is compared byte for byte with its file under
// tests/golden/renderers/. UPDATE_GOLDEN=1 rewrites them; review the diff line by line before committing.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { ResolvedLink } from "../../model/link";
import { hypermotionLink } from "../fixtures/links";

const GOLDEN_DIR = path.join(__dirname, "..", "golden", "renderers");

/** Dual-tunnel IKEv2 link in destination-routing mode, as a dual-tunnel gateway gets by default: route-based peers. */
export const dualIkev2Link: ResolvedLink = {
    name: "branch",
    connectionId: "vco-gw8d1e2f3a4b5c6d7e8f9",
    profile: {
        ike: { version: "ikev2", mode: "main", encryption: "aes256", integrity: "sha256", dhGroup: "group14", lifetimeSeconds: 86400 },
        ipsec: { encryption: "aes256", integrity: "sha256", pfs: "group14", lifetimeSeconds: 3600 },
        dpd: true,
        natTraversal: true,
    },
    routingMode: "destination",
    peerPublicIp: "203.0.113.20",
    alibabaSubnets: ["172.16.0.0/16"],
    peerSubnets: ["192.168.20.0/24"],
    tunnels: [
        { role: "master", alibabaIp: "47.96.30.11", psk: "Gm7hT2kQ9xW4zN6pR1sV8bC3dF5jL0yA", alibabaId: "47.96.30.11", peerId: "203.0.113.20" },
        { role: "slave", alibabaIp: "47.96.30.12", psk: "Gs3nB8vM1qE6wR4tY9uI2oP7aS5dF0gH", alibabaId: "47.96.30.12", peerId: "203.0.113.20" },
    ],
};

/** Single-tunnel IKEv1 main-mode link with protected data flows (policy-based), as a legacy gateway has it. */
export const singleIkev1Link: ResolvedLink = {
    name: "shop",
    connectionId: "vco-bp9z8y7x6w5v4u3t2s1r0",
    profile: {
        ike: { version: "ikev1", mode: "main", encryption: "aes256", integrity: "sha256", dhGroup: "group14", lifetimeSeconds: 28800 },
        ipsec: { encryption: "aes256", integrity: "sha256", pfs: "group14", lifetimeSeconds: 3600 },
        dpd: true,
        natTraversal: true,
    },
    routingMode: "policy",
    peerPublicIp: "198.51.100.40",
    alibabaSubnets: ["10.10.0.0/16"],
    peerSubnets: ["192.168.40.0/24"],
    tunnels: [{ role: "master", alibabaIp: "47.100.40.50", psk: "Sk4mD7nB2vC9xZ1qW6eR3tY8uI5oP0aL", alibabaId: "47.100.40.50", peerId: "198.51.100.40" }],
};

/** The H3C ER speaks IKEv1 with SHA-1/MD5 and DH1/2/5 only: its dual-tunnel golden is the seed's office link. */
export const erDualLink: ResolvedLink = hypermotionLink;

/** ...and its single-tunnel golden the same office link on a legacy single-tunnel gateway. */
export const erSingleLink: ResolvedLink = { ...hypermotionLink, name: "office-legacy", tunnels: [hypermotionLink.tunnels[0]] };

/** Compares `text` with tests/golden/renderers/`file` byte for byte (UPDATE_GOLDEN=1 rewrites the file first). */
export function assertGolden(file: string, text: string): void {
    const golden = path.join(GOLDEN_DIR, file);
    if (process.env.UPDATE_GOLDEN) {
        fs.mkdirSync(GOLDEN_DIR, { recursive: true });
        fs.writeFileSync(golden, text);
    }
    assert.ok(fs.existsSync(golden), `no golden file ${golden}: run with UPDATE_GOLDEN=1 and review it`);
    assert.equal(text, fs.readFileSync(golden, "utf8"), `${file} differs from its golden file (UPDATE_GOLDEN=1 rewrites it)`);
}
