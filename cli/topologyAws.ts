// The AWS end of a cloud link in the topology picture: one node per region with its gateway, VPN connections,
// tunnel addresses and tunnel options, so an Alibaba connection's edge ends at "AWS" instead of an anonymous peer.
import { AWS_TYPES, RecordedResource } from "../emulator";

export interface AwsPeer {
    id: string;
    label: string;
    /** "vpn-a tunnel 1" for each AWS tunnel outside address. */
    tunnelNames: Map<string, string>;
}

/** The AWS node the peer addresses belong to, or undefined when they are not AWS tunnel addresses. */
export function awsPeerFor(resources: RecordedResource[], peerIps: string[]): AwsPeer | undefined {
    const connections = resources.filter((r) => r.type === AWS_TYPES.vpnConnection);
    const tunnelNames = new Map<string, string>();
    connections.forEach((c) => [1, 2].forEach((n) => tunnelNames.set(c.outputs[`tunnel${n}Address`], `${c.name} tunnel ${n}`)));
    const mine = connections.filter((c) => peerIps.some((ip) => ip === c.outputs.tunnel1Address || ip === c.outputs.tunnel2Address));
    if (mine.length === 0) {
        return undefined;
    }
    const region = mine[0].region;
    const inRegion = connections.filter((c) => c.region === region).sort((a, b) => a.name.localeCompare(b.name));
    const byId = new Map(resources.filter((r) => r.id).map((r) => [r.id, r]));
    const vgwId = inRegion[0].inputs.vpnGatewayId;
    const t = (c: RecordedResource, key: string) => c.inputs[`tunnel1${key}`];
    const crypto = (c: RecordedResource) =>
        `${(t(c, "IkeVersions") ?? ["any IKE"]).join(",")} ${t(c, "Phase1EncryptionAlgorithms")}/${t(c, "Phase1IntegrityAlgorithms")}/dh${t(c, "Phase1DhGroupNumbers")} ${t(c, "Phase1LifetimeSeconds")}s · ` +
        `esp ${t(c, "Phase2EncryptionAlgorithms")}/${t(c, "Phase2IntegrityAlgorithms")} pfs dh${t(c, "Phase2DhGroupNumbers")} ${t(c, "Phase2LifetimeSeconds")}s`;
    const routes = resources.filter(
        (r) => r.type === AWS_TYPES.vpnConnectionRoute && inRegion.some((c) => c.id === r.inputs.vpnConnectionId),
    );
    const label = [
        `AWS ${region}`,
        vgwId ? `virtual private gateway ${vgwId}` : `transit gateway ${inRegion[0].inputs.transitGatewayId}`,
        ...inRegion.map(
            (c) =>
                `${c.name} ${c.id}: customer gateway ${byId.get(c.inputs.customerGatewayId)?.inputs.ipAddress ?? "?"}, tunnels ${c.outputs.tunnel1Address} / ${c.outputs.tunnel2Address} ` +
                `(inside ${c.outputs.tunnel1InsideCidr}, ${c.outputs.tunnel2InsideCidr})`,
        ),
        `tunnel options: ${crypto(inRegion[0])}`,
        `static routes: ${[...new Set(routes.map((r) => r.inputs.destinationCidrBlock))].join(", ") || "none"}`,
    ].join("\n");
    return { id: `aws:${region}`, label, tunnelNames };
}
