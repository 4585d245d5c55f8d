// The resources of a translated link (overlapping networks), declared from its plan (model/translation.ts): the VPC
// NAT gateway (networkType "intranet") on a vSwitch of the VPC, its NAT IP CIDR (the block the VPC appears as) and NAT
// IPs, the SNAT entry for outbound traffic and one DNAT (forward) entry per exposed host, and the routes Alibaba's
// VPC NAT gateway guide asks for (https://www.alibabacloud.com/help/en/nat-gateway/latest/create-and-manage-a-vpc-nat-gateway,
// "Configure routes"): in the VPC's system route table the peer's translated blocks go to the NAT gateway; the NAT
// gateway's vSwitch gets a custom route table that sends them on to the VPN gateway; the NAT IP CIDR itself goes to
// the NAT gateway (the way back in from the VPN gateway).
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { LinkPlan } from "../model/site";
import { TranslationPlan } from "../model/translation";

export interface TranslationRefs {
    vpcId: pulumi.Input<string>;
    vswitchIds: pulumi.Input<string>[];
    /** The VPC's system route table. */
    routeTableId: pulumi.Input<string>;
    vpnGatewayId: pulumi.Input<string>;
}

export interface TranslationResources {
    natGateway: alicloud.vpc.NatGateway;
    natIpCidr: alicloud.vpc.NatIpCidr;
    natIps: alicloud.vpc.NatIp[];
    snatEntry: alicloud.vpc.SnatEntry;
    forwardEntries: alicloud.vpc.ForwardEntry[];
    routeTable: alicloud.vpc.RouteTable;
    routeTableAttachment: alicloud.vpc.RouteTableAttachment;
    /** System table: the peer's translated blocks -> NAT gateway, and the NAT IP CIDR -> NAT gateway. */
    vpcRoutes: alicloud.vpc.RouteEntry[];
    /** The NAT gateway's table: the peer's translated blocks -> VPN gateway. */
    natTableRoutes: alicloud.vpc.RouteEntry[];
}

/**
 * Creates the translation of one link. `vpcRoutes` are the link's VPC routes (the peer's translated blocks): here
 * they go to the NAT gateway, and from its vSwitch to the VPN gateway; `after` is what they wait for (the connection).
 */
export function createTranslation(
    plan: TranslationPlan,
    vpcRoutes: LinkPlan["vpcRoutes"],
    refs: TranslationRefs,
    after: pulumi.Resource[],
    parent: pulumi.Resource,
): TranslationResources {
    const child = { parent };
    const natGateway = new alicloud.vpc.NatGateway(
        plan.natGateway.resourceName,
        {
            vpcId: refs.vpcId,
            vswitchId: refs.vswitchIds[plan.natGateway.vswitch],
            natGatewayName: plan.natGateway.name,
            // intranet: a VPC NAT gateway (private NAT), the kind that translates between private networks.
            networkType: "intranet",
            natType: "Enhanced",
            paymentType: "PayAsYouGo",
            description: plan.natGateway.description,
        },
        child,
    );
    const natIpCidr = new alicloud.vpc.NatIpCidr(
        plan.natIpCidr.resourceName,
        { natGatewayId: natGateway.id, natIpCidr: plan.natIpCidr.cidr, natIpCidrName: plan.natIpCidr.name },
        child,
    );
    const natIp = (ip: TranslationPlan["snatIp"]) =>
        new alicloud.vpc.NatIp(
            ip.resourceName,
            { natGatewayId: natGateway.id, natIpCidr: natIpCidr.natIpCidr, natIp: ip.address, natIpName: ip.name },
            child,
        );
    const snatIp = natIp(plan.snatIp);
    const snatEntry = new alicloud.vpc.SnatEntry(
        plan.snatEntry.resourceName,
        {
            snatTableId: natGateway.snatTableIds,
            sourceCidr: plan.snatEntry.sourceCidr,
            snatIp: snatIp.natIp,
            snatEntryName: plan.snatEntry.name,
        },
        { parent, dependsOn: [snatIp] },
    );
    const forwardIps: alicloud.vpc.NatIp[] = [];
    const forwardEntries = plan.forwardEntries.map((entry) => {
        const ip = natIp(entry.natIp);
        forwardIps.push(ip);
        // IP mapping: every protocol and port of the NAT IP goes to the host (ipProtocol/ports "any").
        return new alicloud.vpc.ForwardEntry(
            entry.resourceName,
            {
                forwardTableId: natGateway.forwardTableIds,
                externalIp: ip.natIp,
                externalPort: "any",
                internalIp: entry.internalIp,
                internalPort: "any",
                ipProtocol: "any",
                forwardEntryName: entry.name,
            },
            { parent, dependsOn: [ip] },
        );
    });
    const routeTable = new alicloud.vpc.RouteTable(
        plan.routeTable.resourceName,
        {
            vpcId: refs.vpcId,
            routeTableName: plan.routeTable.name,
            associateType: "VSwitch",
            description: `Routes of the NAT gateway of ${plan.link}`,
        },
        child,
    );
    const routeTableAttachment = new alicloud.vpc.RouteTableAttachment(
        `${plan.routeTable.resourceName}-attachment`,
        { vswitchId: refs.vswitchIds[plan.natGateway.vswitch], routeTableId: routeTable.id },
        child,
    );
    const entry = (
        resourceName: string,
        tableId: pulumi.Input<string>,
        destination: string,
        nexthopType: string,
        nexthopId: pulumi.Input<string>,
        name: string,
        description: string,
        deps: pulumi.Resource[],
    ) =>
        new alicloud.vpc.RouteEntry(
            resourceName,
            { routeTableId: tableId, destinationCidrblock: destination, nexthopType, nexthopId, name, description },
            { parent, dependsOn: deps },
        );
    const routes = [
        ...vpcRoutes.map((r) =>
            entry(
                r.resourceName,
                refs.routeTableId,
                r.destination,
                "NatGateway",
                natGateway.id,
                r.name,
                `${r.description}, translated by NAT gateway ${plan.natGateway.name}`,
                [snatEntry, ...after],
            ),
        ),
        entry(
            `${plan.natGateway.resourceName}-route-back`,
            refs.routeTableId,
            plan.alibabaBlock,
            "NatGateway",
            natGateway.id,
            `${plan.link}-translated`,
            `${plan.alibabaBlock} (the VPC as ${plan.link} sees it) to its NAT gateway`,
            [natIpCidr, ...forwardEntries],
        ),
    ];
    const natTableRoutes = vpcRoutes.map((r) =>
        entry(
            `${r.resourceName}-from-nat`,
            routeTable.id,
            r.destination,
            "VpnGateway",
            refs.vpnGatewayId,
            `${r.name}-nat`,
            `${r.description} (from NAT gateway ${plan.natGateway.name})`,
            [routeTableAttachment, ...after],
        ),
    );
    return {
        natGateway,
        natIpCidr,
        natIps: [snatIp, ...forwardIps],
        snatEntry,
        forwardEntries,
        routeTable,
        routeTableAttachment,
        vpcRoutes: routes,
        natTableRoutes,
    };
}
