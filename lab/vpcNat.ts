// The VPC NAT gateway of the lab (overlapping networks): nftables NAT in the Alibaba gateway's namespace, configured
// FROM THE RECORDED NAT RESOURCES (what the provider would send to CreateSnatEntry / CreateForwardEntry), as
// alibabaSide.ts plays the VPN gateway from the recorded connections. Alibaba's semantics, re-stated on raw inputs:
// - an SNAT entry rewrites the source of traffic from its sourceCidr to its snatIp; the NAT gateway sees only the
//   traffic the VPC routes to it (route entries with nexthopType NatGateway), so the rule is limited to those
//   destinations (the route back to the NAT IP CIDR itself excluded);
// - a forward (DNAT) entry with ipProtocol "any" maps every packet to its externalIp (a NAT IP) onto its internalIp.
// Replies follow the connection tracking, as they do through the NAT gateway.
import { EmulatorState, TYPES } from "../emulator";
import { overlaps } from "../model/cidr";

export interface VpcNatRules {
    natGatewayId: string;
    snat: Array<{ sourceCidr: string; snatIp: string; destinations: string[] }>;
    dnat: Array<{ externalIp: string; internalIp: string }>;
    /** The nftables ruleset (`nft -f`). */
    ruleset: string;
}

/** The NAT of every VPC NAT gateway in the VPC `vpcId`, from the recorded resources (none: undefined). */
export function vpcNatRules(state: EmulatorState, vpcId: string): VpcNatRules | undefined {
    const gateway = state.ofType(TYPES.natGateway).find((g) => g.inputs.vpcId === vpcId && g.inputs.networkType === "intranet");
    if (!gateway) {
        return undefined;
    }
    const natCidrs = state
        .ofType(TYPES.natIpCidr)
        .filter((c) => c.inputs.natGatewayId === gateway.id)
        .map((c) => c.inputs.natIpCidr as string);
    const destinations = state
        .ofType(TYPES.vpcRoute)
        .filter((r) => r.inputs.nexthopType === "NatGateway" && r.inputs.nexthopId === gateway.id)
        .map((r) => r.inputs.destinationCidrblock as string)
        .filter((d) => !natCidrs.some((c) => overlaps(c, d)));
    const snat = state
        .ofType(TYPES.snatEntry)
        .filter((s) => s.inputs.snatTableId === gateway.outputs.snatTableIds)
        .map((s) => ({ sourceCidr: s.inputs.sourceCidr as string, snatIp: String(s.inputs.snatIp).split(",")[0], destinations }));
    const dnat = state
        .ofType(TYPES.forwardEntry)
        .filter((f) => f.inputs.forwardTableId === gateway.outputs.forwardTableIds)
        .map((f) => {
            if (f.inputs.ipProtocol !== "any") {
                throw new Error(`forward entry ${f.name}: only IP mapping (ipProtocol any) is modelled by the lab`);
            }
            return { externalIp: f.inputs.externalIp as string, internalIp: f.inputs.internalIp as string };
        });
    const set = (blocks: string[]) => (blocks.length === 1 ? blocks[0] : `{ ${blocks.join(", ")} }`);
    const ruleset = [
        `# VPC NAT gateway ${gateway.id}, played by nftables (lab/vpcNat.ts), from the recorded SNAT and forward entries.`,
        "table ip alibaba_vpc_nat {",
        "    chain postrouting {",
        "        type nat hook postrouting priority srcnat; policy accept;",
        ...snat
            .filter((s) => s.destinations.length > 0)
            .map((s) => `        ip saddr ${s.sourceCidr} ip daddr ${set(s.destinations)} snat to ${s.snatIp}`),
        "    }",
        "    chain prerouting {",
        "        type nat hook prerouting priority dstnat; policy accept;",
        ...dnat.map((d) => `        ip daddr ${d.externalIp} dnat to ${d.internalIp}`),
        "    }",
        "}",
        "",
    ].join("\n");
    return { natGatewayId: gateway.id, snat, dnat, ruleset };
}
