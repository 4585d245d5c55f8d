// Google Cloud HA VPN in the emulator: the @pulumi/gcp/compute resources a cloud link creates (HaVpnGateway,
// ExternalVpnGateway, Router, VPNTunnel, RouterInterface, RouterPeer) with the provider's id shapes
// (projects/<p>/regions/<r>/vpnGateways/<name>, self links under https://www.googleapis.com/compute/v1/), the outputs
// it reports (the HA VPN gateway's two interface addresses, each tunnel's self link and status) and the refusals the
// sources document. Like aws.ts it restates Google Cloud's rules on raw inputs instead of reusing model/clouds, so it
// catches what the library gets wrong. Messages marked "modelled" are not Google's text (no source gives it); the
// rule each enforces is sourced.
// Sources:
// - https://cloud.google.com/network-connectivity/docs/vpn/concepts/supported-ike-ciphers (cipherSuite values)
// - https://cloud.google.com/network-connectivity/docs/vpn/concepts/topologies (HA VPN: two interfaces, 0 and 1;
//   external VPN gateway TWO_IPS_REDUNDANCY with two interfaces; dynamic routing with a Cloud Router)
// - https://cloud.google.com/compute/docs/reference/rest/v1/routers (bgp.asn "Must be an RFC6996 private ASN")
// - https://cloud.google.com/network-connectivity/docs/router/how-to/configuring-bgp (private ASNs for all but
//   Partner Interconnect)
// - https://www.pulumi.com/registry/packages/gcp/api-docs/compute/routerinterface/ (ipRange "in the RFC3927
//   link-local IP space") and the provider's schema (@pulumi/gcp 9.37 compute/*.d.ts: argument names, ids)
import * as ipaddr from "ipaddr.js";
import { PeerCloudEmulator, PeerCreateRequest } from "./peerClouds";
import { AlibabaApiError, EmulatorState, RecordedResource } from "./state";

export const GCP_TYPES = {
    provider: "pulumi:providers:gcp",
    haVpnGateway: "gcp:compute/haVpnGateway:HaVpnGateway",
    externalVpnGateway: "gcp:compute/externalVpnGateway:ExternalVpnGateway",
    vpnTunnel: "gcp:compute/vPNTunnel:VPNTunnel",
    router: "gcp:compute/router:Router",
    routerInterface: "gcp:compute/routerInterface:RouterInterface",
    routerPeer: "gcp:compute/routerPeer:RouterPeer",
} as const;

/** An error as the Compute Engine API returns it (reason, message). */
export class GcpApiError extends AlibabaApiError {
    constructor(code: string, message: string) {
        super(code, message, 400);
        this.name = "GcpApiError";
    }
}

function fail(code: string, message: string): never {
    throw new GcpApiError(code, message);
}

/** The project when a resource names none (the provider's in a real run). */
export const GCP_EMULATED_PROJECT = "emulated-project";
const API = "https://www.googleapis.com/compute/v1/";

const REGIONS = new Set([
    "africa-south1", "asia-east1", "asia-east2", "asia-northeast1", "asia-northeast2", "asia-northeast3", "asia-south1",
    "asia-south2", "asia-southeast1", "asia-southeast2", "asia-southeast3", "australia-southeast1", "australia-southeast2",
    "europe-central2", "europe-north1", "europe-north2", "europe-southwest1", "europe-west1", "europe-west2", "europe-west3",
    "europe-west4", "europe-west6", "europe-west8", "europe-west9", "europe-west10", "europe-west12", "me-central1", "me-central2",
    "me-west1", "northamerica-northeast1", "northamerica-northeast2", "northamerica-south1", "southamerica-east1",
    "southamerica-west1", "us-central1", "us-east1", "us-east4", "us-east5", "us-south1", "us-west1", "us-west2", "us-west3", "us-west4",
]);

// The cipherSuite configuration values (IKEv2 tables, case-sensitive).
const PHASE1_ENCRYPTION = ["AES-CBC-128", "AES-CBC-192", "AES-CBC-256", "3DES-CBC", "AES-GCM-16-128", "AES-GCM-16-192", "AES-GCM-16-256"];
const PHASE1_INTEGRITY = ["AES-XCBC-96", "AES-CMAC-96", "HMAC-SHA1-96", "HMAC-MD5-96", "HMAC-SHA2-256-128", "HMAC-SHA2-384-192", "HMAC-SHA2-512-256"];
const PRF = ["PRF-AES128-XCBC", "PRF-AES128-CMAC", "PRF-HMAC-SHA1", "PRF-HMAC-MD5", "PRF-HMAC-SHA2-256", "PRF-HMAC-SHA2-384", "PRF-HMAC-SHA2-512"];
const DH = ["Group-14", "modp-2048-224", "modp-2048-256", "Group-5", "Group-15", "Group-16", "Group-18", "Group-2", "modp-1024-160", "Group-19", "Group-20", "Group-21", "Group-31"];
const PHASE2_ENCRYPTION = ["AES-CBC-128", "AES-CBC-256", "AES-CBC-192", "AES-GCM-16-128", "AES-GCM-16-256", "AES-GCM-16-192"];
const PHASE2_INTEGRITY = ["HMAC-SHA2-256-128", "HMAC-SHA2-512-256", "HMAC-SHA1-96"];

function isPrivateAsn(asn: unknown): boolean {
    return typeof asn === "number" && Number.isInteger(asn) && ((asn >= 64512 && asn <= 65534) || (asn >= 4200000000 && asn <= 4294967294));
}

function projectOf(inputs: Record<string, any>): string {
    return inputs.project ?? GCP_EMULATED_PROJECT;
}

/** The last path segment of a name, id or self link. */
function lastSegment(ref: unknown): string {
    return typeof ref === "string" ? ref.split("/").pop()! : "";
}

/** A resource of `type` named by `ref` (name, id or self link), in `region` when given. */
function findRef(state: EmulatorState, type: string, ref: unknown, region?: string): RecordedResource | undefined {
    if (typeof ref !== "string" || ref === "") return undefined;
    return state
        .ofType(type)
        .find((r) => (r.id === ref || r.outputs.selfLink === ref || r.inputs.name === lastSegment(ref)) && (region === undefined || r.region === region));
}

function requireRef(state: EmulatorState, type: string, ref: unknown, what: string, region?: string): RecordedResource {
    const found = findRef(state, type, ref, region);
    if (!found) {
        // Modelled on the API's notFound ("The resource '...' was not found").
        fail("notFound", `The resource '${String(ref)}' was not found (${what}${region ? ` in ${region}` : ""})`);
    }
    return found;
}

function linkLocal30(text: unknown): boolean {
    if (typeof text !== "string" || !ipaddr.IPv4.isValidCIDR(text)) return false;
    const [ip, prefix] = ipaddr.IPv4.parseCIDR(text);
    return prefix === 30 && ip.match(ipaddr.IPv4.parse("169.254.0.0"), 16);
}

export function validateGcp(request: PeerCreateRequest, state: EmulatorState): void {
    const { inputs, region, type } = request;
    if (type === GCP_TYPES.provider) return;
    if (type !== GCP_TYPES.externalVpnGateway && !REGIONS.has(region)) {
        // Modelled: the API answers an unknown region with notFound / invalid.
        fail("invalid", `Invalid value for field 'region': '${region}'. Unknown region.`);
    }
    switch (type) {
        case GCP_TYPES.haVpnGateway:
            if (!inputs.network) fail("required", "Required field 'network' not specified");
            return;
        case GCP_TYPES.externalVpnGateway: {
            const interfaces: any[] = inputs.interfaces ?? [];
            const expected: Record<string, number> = { SINGLE_IP_INTERNALLY_REDUNDANT: 1, TWO_IPS_REDUNDANCY: 2, FOUR_IPS_REDUNDANCY: 4 };
            const count = expected[inputs.redundancyType];
            if (count === undefined) {
                fail("invalid", `Invalid value for field 'redundancyType': '${inputs.redundancyType}'.`);
            }
            if (interfaces.length !== count) {
                // The redundancy type names how many peer interfaces there are (topologies page); text modelled.
                fail("invalid", `External VPN gateway with redundancy type ${inputs.redundancyType} must have exactly ${count} interfaces (got ${interfaces.length}).`);
            }
            interfaces.forEach((i, n) => {
                if (i.id !== n) fail("invalid", `Invalid value for field 'interfaces[${n}].id': '${i.id}'. Interface ids are 0 to ${count - 1} in order (modelled).`);
                if (typeof i.ipAddress !== "string" || !ipaddr.IPv4.isValidFourPartDecimal(i.ipAddress)) {
                    fail("invalid", `Invalid value for field 'interfaces[${n}].ipAddress': '${i.ipAddress}'.`);
                }
            });
            return;
        }
        case GCP_TYPES.router:
            if (!inputs.network) fail("required", "Required field 'network' not specified");
            if (inputs.bgp !== undefined && !isPrivateAsn(inputs.bgp.asn)) {
                // Router.bgp.asn: "Must be an RFC6996 private ASN, either 16-bit or 32-bit" (REST reference); text modelled.
                fail("invalid", `Invalid value for field 'bgp.asn': '${inputs.bgp.asn}'. Must be an RFC6996 private ASN, either 16-bit or 32-bit.`);
            }
            return;
        case GCP_TYPES.vpnTunnel:
            return validateTunnel(request, state);
        case GCP_TYPES.routerInterface: {
            requireRef(state, GCP_TYPES.router, inputs.router, "router", region);
            if (!linkLocal30(inputs.ipRange)) {
                // "The IP range must be in the RFC3927 link-local IP space" (provider docs); BGP over a tunnel takes a /30.
                fail("invalid", `Invalid value for field 'ipRange': '${inputs.ipRange}'. The IP range must be a /30 in the RFC3927 link-local IP space (169.254.0.0/16).`);
            }
            if (inputs.vpnTunnel !== undefined) requireRef(state, GCP_TYPES.vpnTunnel, inputs.vpnTunnel, "VPN tunnel", region);
            for (const other of state.ofType(GCP_TYPES.routerInterface).filter((r) => r.inputs.router === inputs.router)) {
                const a = ipaddr.IPv4.parseCIDR(other.inputs.ipRange);
                const b = ipaddr.IPv4.parseCIDR(inputs.ipRange);
                if (a[0].match(b[0], 30)) fail("invalid", `The IP range ${inputs.ipRange} overlaps interface ${other.inputs.name} (${other.inputs.ipRange}) on router ${inputs.router} (modelled).`);
            }
            return;
        }
        case GCP_TYPES.routerPeer: {
            const router = requireRef(state, GCP_TYPES.router, inputs.router, "router", region);
            const iface = state.ofType(GCP_TYPES.routerInterface).find((r) => r.inputs.router === inputs.router && r.inputs.name === inputs.interface);
            if (!iface) fail("notFound", `Interface '${inputs.interface}' not found on router ${inputs.router}`);
            if (router.inputs.bgp?.asn !== undefined && inputs.peerAsn === router.inputs.bgp.asn) {
                // eBGP: the peer's ASN differs from the router's (modelled: Cloud Router runs eBGP only).
                fail("invalid", `Invalid value for field 'peerAsn': '${inputs.peerAsn}'. The peer ASN must differ from the router's ASN ${router.inputs.bgp.asn} (modelled).`);
            }
            const [net] = ipaddr.IPv4.parseCIDR(iface.inputs.ipRange);
            for (const [field, value] of [["peerIpAddress", inputs.peerIpAddress], ["ipAddress", inputs.ipAddress]] as const) {
                if (value !== undefined && !(ipaddr.IPv4.isValidFourPartDecimal(value) && ipaddr.IPv4.parse(value).match(net, 30))) {
                    fail("invalid", `Invalid value for field '${field}': '${value}'. It must lie in the interface's range ${iface.inputs.ipRange} (modelled).`);
                }
            }
            return;
        }
        default:
            fail("unsupported", `The emulator does not model ${type}.`);
    }
}

function validateTunnel(request: PeerCreateRequest, state: EmulatorState): void {
    const { inputs, region } = request;
    if (inputs.vpnGateway === undefined) {
        // Classic VPN (targetVpnGateway) is out of the library's scope.
        fail("required", "The emulator models HA VPN tunnels only: 'vpnGateway' is required.");
    }
    requireRef(state, GCP_TYPES.haVpnGateway, inputs.vpnGateway, "HA VPN gateway", region);
    if (inputs.vpnGatewayInterface !== 0 && inputs.vpnGatewayInterface !== 1) {
        // An HA VPN gateway has two interfaces, 0 and 1 (topologies page); text modelled.
        fail("invalid", `Invalid value for field 'vpnGatewayInterface': '${inputs.vpnGatewayInterface}'. An HA VPN gateway has interfaces 0 and 1.`);
    }
    if (!inputs.router) {
        // HA VPN supports dynamic (BGP) routing only (topologies page); text modelled.
        fail("invalid", "An HA VPN tunnel needs a Cloud Router ('router'): HA VPN supports dynamic routing (BGP) only.");
    }
    requireRef(state, GCP_TYPES.router, inputs.router, "router", region);
    if (inputs.peerExternalGateway !== undefined) {
        const ext = requireRef(state, GCP_TYPES.externalVpnGateway, inputs.peerExternalGateway, "external VPN gateway");
        const n = (ext.inputs.interfaces ?? []).length;
        if (!Number.isInteger(inputs.peerExternalGatewayInterface) || inputs.peerExternalGatewayInterface < 0 || inputs.peerExternalGatewayInterface >= n) {
            fail("invalid", `Invalid value for field 'peerExternalGatewayInterface': '${inputs.peerExternalGatewayInterface}'. ${ext.inputs.name} has interfaces 0 to ${n - 1} (modelled).`);
        }
    }
    if (inputs.ikeVersion !== undefined && inputs.ikeVersion !== 1 && inputs.ikeVersion !== 2) {
        fail("invalid", `Invalid value for field 'ikeVersion': '${inputs.ikeVersion}'. Acceptable IKE versions are 1 or 2.`);
    }
    if (typeof inputs.sharedSecret !== "string" || !/^[ -~]+$/.test(inputs.sharedSecret)) {
        // gcloud --shared-secret: "printable characters ... [ -~]+"; text modelled.
        fail("invalid", "Invalid value for field 'sharedSecret': a shared secret of printable ASCII characters is required.");
    }
    const suite = inputs.cipherSuite;
    const check = (path: string, values: unknown, allowed: string[]) => {
        for (const v of (values as string[] | undefined) ?? []) {
            if (!allowed.includes(v)) {
                fail("invalid", `Invalid value for field 'cipherSuite.${path}': '${v}'. Supported values: ${allowed.join(", ")}.`);
            }
        }
    };
    if (suite) {
        check("phase1.encryptions", suite.phase1?.encryptions, PHASE1_ENCRYPTION);
        check("phase1.integrities", suite.phase1?.integrities, PHASE1_INTEGRITY);
        check("phase1.prves", suite.phase1?.prves, PRF);
        check("phase1.dhs", suite.phase1?.dhs, DH);
        check("phase2.encryptions", suite.phase2?.encryptions, PHASE2_ENCRYPTION);
        check("phase2.integrities", suite.phase2?.integrities, PHASE2_INTEGRITY);
        check("phase2.pfs", suite.phase2?.pfs, DH);
    }
}

// HA VPN interface addresses: 203.0.113.65-127 (TEST-NET-3; Azure's emulator uses .1-.63, AWS's .129 and up).
const addressCount = new WeakMap<EmulatorState, number>();
function nextAddress(state: EmulatorState): string {
    const n = addressCount.get(state) ?? 0;
    if (n >= 63) {
        throw new Error("the emulator's Google Cloud address pool is exhausted (63 interface addresses)");
    }
    addressCount.set(state, n + 1);
    return `203.0.113.${65 + n}`;
}

export function gcpOutputs(type: string, _urn: string, region: string, inputs: Record<string, any>, state: EmulatorState): { id: string; outputs: Record<string, any> } {
    const project = projectOf(inputs);
    const regional = (kind: string) => `projects/${project}/regions/${region}/${kind}/${inputs.name}`;
    switch (type) {
        case GCP_TYPES.provider:
            return { id: "", outputs: { ...inputs } };
        case GCP_TYPES.haVpnGateway: {
            const id = regional("vpnGateways");
            return {
                id,
                outputs: { ...inputs, project, region, selfLink: `${API}${id}`, vpnInterfaces: [0, 1].map((i) => ({ id: i, ipAddress: nextAddress(state) })) },
            };
        }
        case GCP_TYPES.externalVpnGateway: {
            const id = `projects/${project}/global/externalVpnGateways/${inputs.name}`;
            return { id, outputs: { ...inputs, project, selfLink: `${API}${id}` } };
        }
        case GCP_TYPES.router: {
            const id = regional("routers");
            return { id, outputs: { ...inputs, project, region, selfLink: `${API}${id}` } };
        }
        case GCP_TYPES.vpnTunnel: {
            const id = regional("vpnTunnels");
            return {
                id,
                outputs: {
                    ...inputs,
                    project,
                    region,
                    selfLink: `${API}${id}`,
                    tunnelId: String(BigInt.asUintN(63, BigInt(state.resources.length + 1) * 7919n)),
                    // What the API reports before the peer answers (modelled: no real peer here).
                    detailedStatus: "Waiting for full config",
                },
            };
        }
        case GCP_TYPES.routerInterface:
            return { id: `${region}/${lastSegment(inputs.router)}/${inputs.name}`, outputs: { ...inputs, project, region } };
        case GCP_TYPES.routerPeer:
            return {
                id: `projects/${project}/regions/${region}/routers/${lastSegment(inputs.router)}/${inputs.name}`,
                outputs: { ...inputs, project, region, managementType: "MANAGED_BY_USER", enable: inputs.enable === false ? "FALSE" : "TRUE" },
            };
        default:
            return { id: regional("resources"), outputs: { ...inputs, project, region } };
    }
}

export function describeGcp(resource: RecordedResource): string[] | undefined {
    const i = resource.inputs;
    const o = resource.outputs;
    switch (resource.type) {
        case GCP_TYPES.haVpnGateway:
            return [`region=${i.region} network=${i.network} → interfaces ${(o.vpnInterfaces ?? []).map((v: any) => `${v.id}:${v.ipAddress}`).join(", ")}`];
        case GCP_TYPES.externalVpnGateway:
            return [`redundancyType=${i.redundancyType} interfaces ${(i.interfaces ?? []).map((v: any) => `${v.id}:${v.ipAddress}`).join(", ")}`];
        case GCP_TYPES.router:
            return [`region=${i.region} network=${i.network} asn=${i.bgp?.asn} advertiseMode=${i.bgp?.advertiseMode ?? "DEFAULT"} ranges=${(i.bgp?.advertisedIpRanges ?? []).map((r: any) => r.range).join(",") || "-"}`];
        case GCP_TYPES.vpnTunnel: {
            const s = i.cipherSuite;
            return [
                `interface ${i.vpnGatewayInterface} → external interface ${i.peerExternalGatewayInterface} router=${lastSegment(i.router)} ikev${i.ikeVersion ?? 2} sharedSecret=[secret]`,
                s
                    ? `phase1 ${s.phase1?.encryptions}/${s.phase1?.integrities}/${s.phase1?.prves}/${s.phase1?.dhs}; phase2 ${s.phase2?.encryptions}/${s.phase2?.integrities} pfs ${s.phase2?.pfs}`
                    : "cipherSuite: GCP's defaults (every cipher of the tables)",
            ];
        }
        case GCP_TYPES.routerInterface:
            return [`router=${lastSegment(i.router)} ipRange=${i.ipRange} vpnTunnel=${lastSegment(i.vpnTunnel)}`];
        case GCP_TYPES.routerPeer:
            return [`router=${lastSegment(i.router)} interface=${i.interface} ${i.ipAddress ?? "?"} ↔ ${i.peerIpAddress} peerAsn=${i.peerAsn} priority=${i.advertisedRoutePriority ?? 100}`];
        default:
            return undefined;
    }
}

export const gcpEmulator: PeerCloudEmulator = {
    cloud: "gcp",
    providerType: GCP_TYPES.provider,
    isType: (type) => type.startsWith("gcp:") || type === GCP_TYPES.provider,
    region: (inputs, providerRegion) => inputs.region ?? providerRegion ?? "us-central1",
    validate: validateGcp,
    outputs: gcpOutputs,
    describe: describeGcp,
};
