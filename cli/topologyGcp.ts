// The Google Cloud end of a cloud link in the topology picture: one node per region with the HA VPN gateway, its
// interface addresses, the tunnels (interface, external gateway interface, cipher suite), the Cloud Router and its
// BGP peers, so an Alibaba connection's edge ends at "Google Cloud" instead of an anonymous peer.
import { GCP_TYPES, RecordedResource } from "../emulator";
import { AwsPeer } from "./topologyAws";

/** The Google Cloud node the peer addresses belong to, or undefined when they are not its tunnel addresses. */
export function gcpPeerFor(resources: RecordedResource[], peerIps: string[]): AwsPeer | undefined {
    const gateways = resources.filter((r) => r.type === GCP_TYPES.haVpnGateway);
    const addresses = (g: RecordedResource): Array<{ id: number; ipAddress: string }> => g.outputs.vpnInterfaces ?? [];
    const mine = gateways.find((g) => addresses(g).some((a) => peerIps.includes(a.ipAddress)));
    if (!mine) {
        return undefined;
    }
    const region = mine.region;
    const last = (ref: unknown) => (typeof ref === "string" ? ref.split("/").pop() : undefined);
    const tunnels = resources
        .filter((r) => r.type === GCP_TYPES.vpnTunnel && last(r.inputs.vpnGateway) === mine.inputs.name)
        .sort((a, b) => Number(a.inputs.vpnGatewayInterface) - Number(b.inputs.vpnGatewayInterface));
    const tunnelNames = new Map<string, string>();
    for (const a of addresses(mine)) {
        const t = tunnels.find((x) => x.inputs.vpnGatewayInterface === a.id);
        tunnelNames.set(a.ipAddress, `${mine.inputs.name} interface ${a.id}${t ? ` (${t.inputs.name})` : ""}`);
    }
    const routerNames = new Set(tunnels.map((t) => last(t.inputs.router)));
    const routers = resources.filter((r) => r.type === GCP_TYPES.router && routerNames.has(r.inputs.name));
    const peers = resources.filter((r) => r.type === GCP_TYPES.routerPeer && routerNames.has(last(r.inputs.router)));
    const external = resources.find((r) => r.type === GCP_TYPES.externalVpnGateway && tunnels.some((t) => last(t.inputs.peerExternalGateway) === r.inputs.name));
    const suite = tunnels[0]?.inputs.cipherSuite;
    const label = [
        `Google Cloud ${region}`,
        `HA VPN gateway ${mine.inputs.name} on ${mine.inputs.network}: interfaces ${addresses(mine).map((a) => `${a.id} ${a.ipAddress}`).join(", ")}`,
        ...(external ? [`external VPN gateway ${external.inputs.name} (${external.inputs.redundancyType}): ${(external.inputs.interfaces ?? []).map((i: any) => `${i.id} ${i.ipAddress}`).join(", ")}`] : []),
        ...tunnels.map((t) => `${t.inputs.name}: interface ${t.inputs.vpnGatewayInterface} → external ${t.inputs.peerExternalGatewayInterface}, IKEv${t.inputs.ikeVersion ?? 2}`),
        suite
            ? `cipher suite: ${suite.phase1?.encryptions}/${suite.phase1?.integrities}/${suite.phase1?.prves}/${suite.phase1?.dhs} · esp ${suite.phase2?.encryptions}/${suite.phase2?.integrities} pfs ${suite.phase2?.pfs} (36000 s / 10800 s fixed)`
            : "cipher suite: Google Cloud's defaults",
        ...routers.map((r) => `Cloud Router ${r.inputs.name} AS ${r.inputs.bgp?.asn} announcing ${(r.inputs.bgp?.advertisedIpRanges ?? []).map((x: any) => x.range).join(", ") || "the VPC's subnets"}`),
        ...peers.map((p) => `BGP peer ${p.inputs.name}: ${p.inputs.ipAddress} ↔ ${p.inputs.peerIpAddress} AS ${p.inputs.peerAsn}, priority ${p.inputs.advertisedRoutePriority ?? 100}`),
    ].join("\n");
    return { id: `gcp:${region}`, label, tunnelNames };
}
