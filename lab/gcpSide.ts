// The Google Cloud end of the lab: strongSwan plays HA VPN's two interfaces and FRR plays the Cloud Router,
// configured from the gcp:compute resources AS THE EMULATOR RECORDED THEM (each VPNTunnel's cipherSuite, ikeVersion,
// sharedSecret, the HA VPN interface address it leaves from and the external VPN gateway interface address it goes
// to; the RouterInterface's ipRange and the RouterPeer's addresses, ASN and priority), not from the library's plan.
// Like lab/alibabaSide.ts it restates Google Cloud's semantics on raw inputs: if the library sent GCP something
// other than what it sent Alibaba, the two ends of the lab disagree and the tunnel or the session fails.
//
// Google Cloud semantics:
// - https://cloud.google.com/network-connectivity/docs/vpn/concepts/supported-ike-ciphers: without a cipherSuite a
//   tunnel proposes and accepts every cipher of the tables (IKEv2: AES-CBC-128/192/256, 3DES-CBC and AES-GCM-16;
//   integrity XCBC, CMAC, SHA1, MD5, SHA2-256/384/512; every PRF; DH groups 14, 2048-224, 2048-256, 5, 15, 16, 18, 2,
//   1024-160, 19, 20, 21, 31); with one, only the listed values. Phase 2 PFS is required. Phase 1 lifetime 36,000 s
//   (IKEv1 36,600 s), phase 2 10,800 s, fixed. IKEv1 offers AES-CBC-128/HMAC-SHA1-96/Group 2 only.
// - https://cloud.google.com/network-connectivity/docs/vpn/concepts/topologies: each HA VPN tunnel leaves from its
//   vpnGatewayInterface's address and goes to the external gateway's peerExternalGatewayInterface address; HA VPN
//   routes with BGP through a Cloud Router, so the tunnels are route-based (traffic selectors 0.0.0.0/0 both ways,
//   modelled: the lab cannot see Google's side).
// - Identities are the addresses (modelled); the lab's GCP end answers only (Alibaba initiates, effectImmediately),
//   so no duplicate IKE SA.
// - Cloud Router (https://cloud.google.com/compute/docs/reference/rest/v1/routers): bgp.asn, CUSTOM mode announces
//   advertisedIpRanges; a peer's advertisedRoutePriority is sent as MED (lower wins); keepalive 20 s (the Router's
//   default keepaliveInterval), hold three times that.
import { EmulatorState, GCP_TYPES, RecordedResource } from "../emulator";
import { SiteSpec } from "./netns";
import { swanctlSecrets } from "../renderers/strongswan";

const ENCRYPTION: Record<string, string> = {
    "AES-CBC-128": "aes128", "AES-CBC-192": "aes192", "AES-CBC-256": "aes256", "3DES-CBC": "3des",
    "AES-GCM-16-128": "aes128gcm16", "AES-GCM-16-192": "aes192gcm16", "AES-GCM-16-256": "aes256gcm16",
};
const INTEGRITY: Record<string, string> = {
    "AES-XCBC-96": "aesxcbc", "AES-CMAC-96": "aescmac", "HMAC-SHA1-96": "sha1", "HMAC-MD5-96": "md5",
    "HMAC-SHA2-256-128": "sha256", "HMAC-SHA2-384-192": "sha384", "HMAC-SHA2-512-256": "sha512",
};
const PRF: Record<string, string> = {
    "PRF-AES128-XCBC": "prfaesxcbc", "PRF-AES128-CMAC": "prfaescmac", "PRF-HMAC-SHA1": "prfsha1", "PRF-HMAC-MD5": "prfmd5",
    "PRF-HMAC-SHA2-256": "prfsha256", "PRF-HMAC-SHA2-384": "prfsha384", "PRF-HMAC-SHA2-512": "prfsha512",
};
const DH: Record<string, string> = {
    "Group-14": "modp2048", "modp-2048-224": "modp2048s224", "modp-2048-256": "modp2048s256", "Group-5": "modp1536",
    "Group-15": "modp3072", "Group-16": "modp4096", "Group-18": "modp8192", "Group-2": "modp1024", "modp-1024-160": "modp1024s160",
    "Group-19": "ecp256", "Group-20": "ecp384", "Group-21": "ecp521", "Group-31": "curve25519",
};
/** What a tunnel proposes without a cipherSuite: the IKEv2 tables, in their order. */
export const GCP_DEFAULT_SUITE = {
    phase1: {
        encryptions: ["AES-CBC-128", "AES-CBC-192", "AES-CBC-256", "3DES-CBC"],
        integrities: ["AES-XCBC-96", "AES-CMAC-96", "HMAC-SHA1-96", "HMAC-MD5-96", "HMAC-SHA2-256-128", "HMAC-SHA2-384-192", "HMAC-SHA2-512-256"],
        prves: Object.keys(PRF),
        dhs: Object.keys(DH),
    },
    phase2: { encryptions: ["AES-CBC-128", "AES-CBC-256", "AES-CBC-192"], integrities: ["HMAC-SHA2-256-128", "HMAC-SHA2-512-256", "HMAC-SHA1-96"], pfs: Object.keys(DH) },
};
export const GCP_LIFETIMES = { ikev2Phase1: 36000, ikev1Phase1: 36600, phase2: 10800 };

/** One recorded HA VPN tunnel, GCP's defaults applied, with its Cloud Router session. */
export interface GcpTunnel {
    name: string;
    selfLink: string;
    /** HA VPN interface (0 or 1) and its address: this end. */
    interface: number;
    localIp: string;
    /** The external VPN gateway interface and its address: the peer (an Alibaba gateway address). */
    peerInterface: number;
    peerIp: string;
    ikeVersion: 1 | 2;
    suite: typeof GCP_DEFAULT_SUITE;
    psk: string;
    phase1Lifetime: number;
    phase2Lifetime: number;
    /** The Cloud Router's BGP session on this tunnel, when a RouterInterface and RouterPeer name it. */
    bgp?: { asn: number; localIp: string; prefixLength: number; peerIp: string; peerAsn: number; priority: number; announces: string[] };
}

const last = (ref: unknown) => (typeof ref === "string" ? ref.split("/").pop()! : "");

function find(state: EmulatorState, type: string, ref: unknown, what: string, tunnel: string): RecordedResource {
    const found = state.ofType(type).find((r) => r.id === ref || r.outputs.selfLink === ref || r.inputs.name === last(ref));
    if (!found) {
        throw new Error(`VPN tunnel ${tunnel}: the emulator recorded no ${what} ${String(ref)}`);
    }
    return found;
}

/** Every recorded gcp:compute/vPNTunnel:VPNTunnel, read from its inputs and its gateways' outputs. */
export function gcpTunnels(state: EmulatorState): GcpTunnel[] {
    return state.ofType(GCP_TYPES.vpnTunnel).map((t) => {
        const i = t.inputs;
        const ha = find(state, GCP_TYPES.haVpnGateway, i.vpnGateway, "HA VPN gateway", t.name);
        const ext = find(state, GCP_TYPES.externalVpnGateway, i.peerExternalGateway, "external VPN gateway", t.name);
        const local = (ha.outputs.vpnInterfaces ?? []).find((v: any) => v.id === i.vpnGatewayInterface);
        const peer = (ext.inputs.interfaces ?? []).find((v: any) => v.id === (i.peerExternalGatewayInterface ?? 0));
        if (!local?.ipAddress || !peer?.ipAddress) {
            throw new Error(`VPN tunnel ${t.name}: interface ${i.vpnGatewayInterface} or external interface ${i.peerExternalGatewayInterface} has no address`);
        }
        if (typeof i.sharedSecret !== "string") {
            throw new Error(`VPN tunnel ${t.name}: no sharedSecret recorded`);
        }
        const ikeVersion = (i.ikeVersion ?? 2) as 1 | 2;
        const given = i.cipherSuite ?? {};
        const pick = (phase: "phase1" | "phase2", key: string): string[] => {
            const v = given[phase]?.[key];
            return Array.isArray(v) && v.length > 0 ? v : (GCP_DEFAULT_SUITE[phase] as Record<string, string[]>)[key];
        };
        const suite = {
            phase1: { encryptions: pick("phase1", "encryptions"), integrities: pick("phase1", "integrities"), prves: pick("phase1", "prves"), dhs: pick("phase1", "dhs") },
            phase2: { encryptions: pick("phase2", "encryptions"), integrities: pick("phase2", "integrities"), pfs: pick("phase2", "pfs") },
        };
        const router = state.ofType(GCP_TYPES.router).find((r) => r.id === i.router || r.inputs.name === last(i.router));
        const iface = state.ofType(GCP_TYPES.routerInterface).find((r) => last(r.inputs.vpnTunnel) === t.inputs.name && r.inputs.router === router?.inputs.name);
        const routerPeer = iface && state.ofType(GCP_TYPES.routerPeer).find((p) => p.inputs.router === iface.inputs.router && p.inputs.interface === iface.inputs.name);
        const [ifaceIp, prefix] = String(iface?.inputs.ipRange ?? "").split("/");
        return {
            name: t.name,
            selfLink: t.outputs.selfLink,
            interface: i.vpnGatewayInterface,
            localIp: local.ipAddress,
            peerInterface: i.peerExternalGatewayInterface ?? 0,
            peerIp: peer.ipAddress,
            ikeVersion,
            suite,
            psk: i.sharedSecret,
            phase1Lifetime: ikeVersion === 1 ? GCP_LIFETIMES.ikev1Phase1 : GCP_LIFETIMES.ikev2Phase1,
            phase2Lifetime: GCP_LIFETIMES.phase2,
            ...(router && iface && routerPeer
                ? {
                      bgp: {
                          asn: Number(router.inputs.bgp?.asn),
                          localIp: routerPeer.inputs.ipAddress ?? ifaceIp,
                          prefixLength: Number(prefix),
                          peerIp: routerPeer.inputs.peerIpAddress,
                          peerAsn: Number(routerPeer.inputs.peerAsn),
                          priority: Number(routerPeer.inputs.advertisedRoutePriority ?? 100),
                          announces: (router.inputs.bgp?.advertisedIpRanges ?? []).map((r: any) => r.range),
                      },
                  }
                : {}),
        };
    });
}

function mapped(table: Record<string, string>, values: string[], what: string, t: GcpTunnel): string[] {
    return values.map((v) => {
        const out = table[v];
        if (!out) throw new Error(`VPN tunnel ${t.name}: ${what} ${v} is not a value Cloud VPN accepts`);
        return out;
    });
}

/** strongSwan IKE proposals: CBC with integrity and PRF, GCM (AEAD) with PRF only. */
export function gcpIkeProposals(t: GcpTunnel): string {
    const enc = mapped(ENCRYPTION, t.suite.phase1.encryptions, "phase 1 encryption", t);
    const integ = mapped(INTEGRITY, t.suite.phase1.integrities, "phase 1 integrity", t);
    const prf = mapped(PRF, t.suite.phase1.prves, "phase 1 PRF", t);
    const dh = mapped(DH, t.suite.phase1.dhs, "phase 1 DH group", t);
    const cbc = enc.filter((e) => !e.includes("gcm"));
    const gcm = enc.filter((e) => e.includes("gcm"));
    return [...(cbc.length ? [[...cbc, ...integ, ...prf, ...dh].join("-")] : []), ...(gcm.length ? [[...gcm, ...prf, ...dh].join("-")] : [])].join(",");
}

/** strongSwan ESP proposals: PFS required (every proposal names the DH groups). */
export function gcpEspProposals(t: GcpTunnel): string {
    const enc = mapped(ENCRYPTION, t.suite.phase2.encryptions, "phase 2 encryption", t);
    const integ = mapped(INTEGRITY, t.suite.phase2.integrities, "phase 2 integrity", t);
    const pfs = mapped(DH, t.suite.phase2.pfs, "phase 2 PFS group", t);
    const cbc = enc.filter((e) => !e.includes("gcm"));
    const gcm = enc.filter((e) => e.includes("gcm"));
    return [...(cbc.length ? [[...cbc, ...integ, ...pfs].join("-")] : []), ...(gcm.length ? [[...gcm, ...pfs].join("-")] : [])].join(",");
}

export function gcpConnectionName(t: GcpTunnel): string {
    return t.name.replace(/[^A-Za-z0-9_-]/g, "-");
}

/** swanctl.conf of the HA VPN interfaces for these tunnels. */
export function renderGcpSwanctl(tunnels: readonly GcpTunnel[]): string {
    const out = ["# Google Cloud HA VPN interfaces, played by strongSwan in the lab (lab/gcpSide.ts).", "connections {"];
    for (const t of tunnels) {
        const name = gcpConnectionName(t);
        out.push(
            `    ${name} {`,
            `        # ${t.selfLink}: interface ${t.interface} ${t.localIp} -> external interface ${t.peerInterface} ${t.peerIp}, IKEv${t.ikeVersion}, ${t.phase1Lifetime}s / ${t.phase2Lifetime}s`,
            `        version = ${t.ikeVersion}`,
            `        local_addrs = ${t.localIp}`,
            `        remote_addrs = ${t.peerIp}`,
            `        proposals = ${gcpIkeProposals(t)}`,
            `        rekey_time = ${Math.round(t.phase1Lifetime * 0.9)}s`,
            `        over_time = ${t.phase1Lifetime - Math.round(t.phase1Lifetime * 0.9)}s`,
            "        mobike = no",
            "        dpd_delay = 20s",
            "        encap = no",
            "        local {",
            "            auth = psk",
            `            id = ${t.localIp}`,
            "        }",
            "        remote {",
            "            auth = psk",
            `            id = ${t.peerIp}`,
            "        }",
            "        children {",
            `            ${name} {`,
            "                local_ts = 0.0.0.0/0",
            "                remote_ts = 0.0.0.0/0",
            `                esp_proposals = ${gcpEspProposals(t)}`,
            `                life_time = ${t.phase2Lifetime}s`,
            `                rekey_time = ${Math.round(t.phase2Lifetime * 0.9)}s`,
            "                start_action = none",
            "                dpd_action = clear",
            "            }",
            "        }",
            "    }",
        );
    }
    out.push(...swanctlSecrets(tunnels.map((t) => ({ name: gcpConnectionName(t), localId: t.localIp, remoteId: t.peerIp, psk: t.psk }))));
    return out.join("\n");
}

/** The Cloud Router as FRR: its ASN, one neighbour per RouterPeer (MED = advertisedRoutePriority), its ranges. */
export function gcpFrrConf(tunnels: readonly GcpTunnel[]): string {
    const sessions = tunnels.filter((t) => t.bgp).map((t) => t.bgp!);
    if (sessions.length === 0) {
        throw new Error("no recorded tunnel has a Cloud Router session (RouterInterface + RouterPeer)");
    }
    const asn = sessions[0].asn;
    const announces = [...new Set(sessions.flatMap((s) => s.announces))];
    return [
        "! Google Cloud Router, played by FRR in the lab (lab/gcpSide.ts), from the recorded Router, RouterInterface and RouterPeer.",
        "frr defaults traditional",
        "!",
        ...announces.map((cidr, i) => `ip prefix-list GCP-ANNOUNCE seq ${(i + 1) * 5} permit ${cidr}`),
        ...sessions.flatMap((s, i) => [`route-map GCP-OUT-${i} permit 10`, " match ip address prefix-list GCP-ANNOUNCE", ` set metric ${s.priority}`]),
        "!",
        `router bgp ${asn}`,
        ` bgp router-id ${sessions[sessions.length - 1].localIp}`,
        " no bgp ebgp-requires-policy",
        ...sessions.flatMap((s) => [` neighbor ${s.peerIp} remote-as ${s.peerAsn}`, ` neighbor ${s.peerIp} timers 20 60`, ` neighbor ${s.peerIp} timers connect 10`]),
        " address-family ipv4 unicast",
        ...announces.map((cidr) => `  network ${cidr}`),
        ...sessions.map((s, i) => `  neighbor ${s.peerIp} route-map GCP-OUT-${i} out`),
        " exit-address-family",
        "",
    ].join("\n");
}

export interface GcpSite {
    tunnels: GcpTunnel[];
    swanctlConf: string;
    frrConf: string;
    spec: SiteSpec;
}

/** Every recorded HA VPN tunnel as one lab site (both interfaces in one namespace, one charon). */
export function buildGcpSite(state: EmulatorState, options: { name?: string; lanAddresses: string[] }): GcpSite {
    const tunnels = gcpTunnels(state).sort((a, b) => a.interface - b.interface);
    const swanctlConf = renderGcpSwanctl(tunnels);
    return {
        tunnels,
        swanctlConf,
        frrConf: gcpFrrConf(tunnels),
        spec: {
            name: options.name ?? "gcp",
            publicIps: [...new Set(tunnels.map((t) => t.localIp))],
            lanAddresses: options.lanAddresses,
            daemon: { kind: "strongswan", swanctlConf },
            forward: true,
            description: `Google Cloud HA VPN interfaces ${tunnels.map((t) => `${t.interface} ${t.localIp}`).join(", ")}`,
        },
    };
}
