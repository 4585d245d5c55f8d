// The plan of a cloud link between an Alibaba Cloud dual-tunnel VPN gateway and an Azure VPN gateway, as plain data:
// every check runs here, before anything is registered, and the wiring of both tunnels is decided here.
//
// Wiring. The Alibaba gateway has two addresses (master: internetIp, slave: disasterRecoveryInternetIp); Azure models
// each on-premises address as a local network gateway (LNG) with its own connection. With several LNGs on one Azure
// gateway, Azure requires BGP (https://learn.microsoft.com/en-us/azure/vpn-gateway/vpn-gateway-highlyavailable,
// "multiple on-premises VPN devices": "BGP is required for this configuration"). So:
// - Azure: one route-based gateway, active-standby (one public address; Azure fails over between its two instances
//   behind it). Active-active would open a tunnel from each instance to each LNG, four tunnels, but an Alibaba BGP
//   tunnel needs its own /30 and an LNG has one BGP peer address: the four-tunnel mesh cannot carry BGP.
// - Two LNGs (master, slave), each with Alibaba's BGP address of its tunnel, and two connections with one
//   ipsecPolicies entry (the profile), the tunnel's key and gatewayCustomBgpIpAddresses naming Azure's address of
//   that tunnel's /30.
// - Alibaba: one dual-tunnel BGP connection whose master and slave tunnels both end on the Azure gateway's one
//   public address (one customer gateway with asn = Azure's ASN). Alibaba's dual-tunnel guide asks the peer for public
//   addresses and only "recommends" two (https://www.alibabacloud.com/help/en/vpn/getting-started/establish-a-connection-between-the-vpc-and-the-on-premises-data,
//   "Applicable scope"); each tunnel names its customer gateway (TunnelOptionsSpecification.CustomerGatewayId), and the
//   emulator accepts the same one twice.
// - Each tunnel's /30 lies in Azure's APIPA range 169.254.21.0-169.254.22.255: Azure takes its first usable address,
//   Alibaba the second.
import { TunnelRole } from "../alibaba";
import { ALIBABA_ASN, asnValue } from "../bgp";
import { addressInBlock, cidrSyntaxError, contains, hasHostBits, overlaps, prefixLength } from "../cidr";
import { Finding, allowedList } from "../findings";
import { validatePsk } from "../link";
import { IpsecProfile, IpsecProfileInput } from "../profile";
import { SitePlan } from "../site";
import { CloudAlibabaEndSpec, planAlibabaEnd } from "./alibabaEnd";
import {
    AZURE_APIPA_RANGE,
    AZURE_DEFAULT_ASN,
    AZURE_DEFAULT_BGP_TUNNEL_CIDRS,
    AZURE_DEFAULT_SKU,
    AZURE_LOCATIONS,
    AZURE_LOCATION_FOR_ALIBABA_REGION,
    AZURE_PSK_LENGTH,
    AZURE_PSK_PATTERN,
    AZURE_REFUSED_SKUS,
    AZURE_SOURCES,
    AZURE_VPN_SKUS,
    AzureIpsecPolicy,
    azureIpsecPolicy,
    azureReservedAsn,
} from "./azure";
import { AZURE } from "./intersection";

/** The Azure end of a cloud link: a route-based VPN gateway in an existing virtual network's GatewaySubnet. */
export interface AzureEndSpec {
    /** The Azure region (location) of the virtual network, e.g. "southeastasia". */
    location: string;
    /** The resource group the gateway, its public IP, the local network gateways and the connections go in. */
    resourceGroupName: string;
    /** The resource id of the virtual network's subnet named GatewaySubnet. */
    gatewaySubnetId: string;
    /** The virtual network's address spaces: what Azure announces to Alibaba over BGP. */
    vnetCidrs: string[];
    /** The gateway SKU. Default "VpnGw1AZ". Basic is refused: it has no BGP and no custom IPsec policy. */
    sku?: string;
    /** The Azure gateway's ASN. Default 65515. */
    asn?: number;
    /**
     * The tunnels' BGP blocks, master then slave: /30s inside Azure's APIPA range 169.254.21.0-169.254.22.255. Azure
     * takes the first usable address of each, Alibaba the second. Default 169.254.21.0/30 and 169.254.21.4/30.
     */
    bgpTunnelCidrs?: string[];
}

export interface AzureCloudLinkSpec {
    alibaba: CloudAlibabaEndSpec;
    azure: AzureEndSpec;
    profile?: IpsecProfileInput;
    /** One key for both tunnels or one per tunnel (master, slave). Default: a random 32-character key each. */
    psks?: string[];
    configPath?: string;
}

export interface AzureBgpTunnel {
    role: TunnelRole;
    tunnelCidr: string;
    /** The /30's first usable address: the Azure gateway's custom BGP address of this tunnel. */
    azureBgpIp: string;
    /** The /30's second usable address: Alibaba's tunnelBgpConfig.localBgpIp and the LNG's bgpPeeringAddress. */
    alibabaBgpIp: string;
}

export interface AzureCloudLinkPlan {
    cloud: "azure";
    name: string;
    profile: IpsecProfile;
    /** The Alibaba site: the hub and its one BGP connection (master and slave tunnels to the Azure gateway). */
    site: SitePlan;
    location: string;
    resourceGroupName: string;
    gatewaySubnetId: string;
    /** The gateway's name, and the id of its one IP configuration ("default"), which the BGP settings name. */
    gatewayName: string;
    ipConfigurationId: string;
    sku: string;
    asn: number;
    vnetCidrs: string[];
    alibabaSubnets: string[];
    /** The one ipsecPolicies entry of both connections. */
    ipsecPolicy: AzureIpsecPolicy;
    /** "IKEv2" or "IKEv1". */
    connectionProtocol: string;
    /** Per tunnel (master, slave): Azure's and Alibaba's BGP addresses and the /30. */
    bgpTunnels: AzureBgpTunnel[];
    /** Alibaba's ASN (the local network gateways' asn). */
    alibabaAsn: number;
    /** Given keys (plain), one per tunnel (master, slave), or undefined for generated ones. */
    psks?: string[];
}

const SUBNET_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/virtualNetworks\/([^/]+)\/subnets\/([^/]+)$/i;
const RESOURCE_GROUP = /^[-\w.()]{1,90}$/u;

/** A /30's two usable addresses: Azure's (first), Alibaba's (second). */
export function azureBgpTunnel(role: TunnelRole, tunnelCidr: string): AzureBgpTunnel {
    return { role, tunnelCidr, azureBgpIp: addressInBlock(tunnelCidr, 1), alibabaBgpIp: addressInBlock(tunnelCidr, 2) };
}

/** The subscription, resource group, virtual network and subnet names of a subnet id, or undefined. */
export function parseSubnetId(id: unknown): { subscription: string; resourceGroup: string; vnet: string; subnet: string } | undefined {
    const m = typeof id === "string" ? SUBNET_ID.exec(id) : null;
    return m ? { subscription: m[1], resourceGroup: m[2], vnet: m[3], subnet: m[4] } : undefined;
}

/** Every finding about the Azure end, from plain values. `alibabaBlocks`: the Alibaba VPC and subnets. */
export function checkAzureEnd(azure: AzureEndSpec, psks: string[] | undefined, alibabaBlocks: string[], path: string, site: string): Finding[] {
    const findings: Finding[] = [];
    const error = (code: string, field: string, value: unknown, message: string, fix: string, allowed?: string) =>
        findings.push({ severity: "error", code, site, field: `${path}.${field}`, value, message, fix, ...(allowed ? { allowed } : {}) });

    if (!AZURE_LOCATIONS.includes(azure.location)) {
        const same = AZURE_LOCATION_FOR_ALIBABA_REGION[azure.location];
        error(
            "azure.unknown-location",
            "azure.location",
            azure.location,
            `Azure has no public region of this name (${AZURE_SOURCES.regions})${same ? "; it looks like an Alibaba Cloud region id" : ""}.`,
            same
                ? `set ${path}.azure.location to ${same}, the Azure region in the same city, or another Azure location name.`
                : `set ${path}.azure.location to an Azure location name, e.g. southeastasia (Singapore).`,
        );
    }
    if (typeof azure.resourceGroupName !== "string" || !RESOURCE_GROUP.test(azure.resourceGroupName) || azure.resourceGroupName.endsWith(".")) {
        error(
            "azure.resource-group",
            "azure.resourceGroupName",
            azure.resourceGroupName,
            `not an Azure resource group name: 1-90 letters, digits, underscores, hyphens, periods or parentheses, not ending in a period (${AZURE_SOURCES.naming}).`,
            `set ${path}.azure.resourceGroupName to the resource group's name as the portal shows it, e.g. rg-network.`,
        );
    }
    const subnet = parseSubnetId(azure.gatewaySubnetId);
    if (!subnet) {
        error(
            "azure.gateway-subnet",
            "azure.gatewaySubnetId",
            azure.gatewaySubnetId,
            "not a subnet resource id (/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/GatewaySubnet).",
            `copy ${path}.azure.gatewaySubnetId from the subnet's Properties in the portal, or from az network vnet subnet show --query id.`,
        );
    } else if (subnet.subnet !== "GatewaySubnet") {
        error(
            "azure.gateway-subnet",
            "azure.gatewaySubnetId",
            azure.gatewaySubnetId,
            `the subnet is named ${subnet.subnet}; a VPN gateway goes in the virtual network's subnet named exactly GatewaySubnet (${AZURE_SOURCES.gatewaySubnet}).`,
            `create a subnet named GatewaySubnet (a /27 or larger) in ${subnet.vnet} and set ${path}.azure.gatewaySubnetId to its id.`,
        );
    }
    if (!Array.isArray(azure.vnetCidrs) || azure.vnetCidrs.length === 0) {
        error(
            "azure.vnet-cidrs",
            "azure.vnetCidrs",
            azure.vnetCidrs,
            "the virtual network's address spaces are needed: the Alibaba connection carries them and BGP announces them.",
            `set ${path}.azure.vnetCidrs to the virtual network's address spaces, e.g. [10.60.0.0/16].`,
        );
    } else {
        azure.vnetCidrs.forEach((cidr, i) => {
            const problem = cidrSyntaxError(cidr);
            if (problem) {
                error("azure.vnet-cidrs", `azure.vnetCidrs[${i}]`, cidr, `not an IPv4 CIDR block: ${problem}.`, `write ${path}.azure.vnetCidrs[${i}] like 10.60.0.0/16.`);
                return;
            }
            const clash = alibabaBlocks.find((b) => cidrSyntaxError(b) === undefined && overlaps(b, cidr));
            if (clash) {
                error(
                    "azure.vnet-overlap",
                    `azure.vnetCidrs[${i}]`,
                    cidr,
                    `${cidr} overlaps the Alibaba side's ${clash}: each side would route the other's addresses to itself.`,
                    `re-address one side so that ${cidr} and ${clash} do not overlap, or join them with a cloud link only after translation (NAT).`,
                );
            }
        });
    }
    const sku = azure.sku ?? AZURE_DEFAULT_SKU;
    if (!AZURE_VPN_SKUS.includes(sku)) {
        error(
            "azure.sku",
            "azure.sku",
            sku,
            AZURE_REFUSED_SKUS[sku] ? `${AZURE_REFUSED_SKUS[sku]}.` : `not a VPN gateway SKU (${AZURE_SOURCES.skus}).`,
            `set ${path}.azure.sku to ${AZURE_DEFAULT_SKU} (zone-redundant, the default) or another of ${allowedList(AZURE_VPN_SKUS)}.`,
            allowedList(AZURE_VPN_SKUS),
        );
    }
    const asnGiven = azure.asn ?? AZURE_DEFAULT_ASN;
    const asn = asnValue(asnGiven);
    if (asn === undefined || asn < 1) {
        error("azure.asn", "azure.asn", asnGiven, "not an AS number.", `set ${path}.azure.asn to ${AZURE_DEFAULT_ASN} (Azure's default) or a private ASN such as 65010.`);
    } else if (asn === ALIBABA_ASN) {
        error(
            "azure.asn",
            "azure.asn",
            asnGiven,
            "45104 is Alibaba's ASN, which the Alibaba end uses: both ends in one AS would drop each other's routes as loops.",
            `set ${path}.azure.asn to ${AZURE_DEFAULT_ASN} (Azure's default) or another private ASN.`,
        );
    } else {
        const reserved = azureReservedAsn(asn, "azure");
        if (reserved) {
            error("azure.reserved-asn", "azure.asn", asnGiven, `${reserved}.`, `set ${path}.azure.asn to ${AZURE_DEFAULT_ASN} (Azure's default) or a private ASN such as 65010.`);
        }
    }

    // BGP blocks: two /30s in Azure's APIPA range, distinct.
    const cidrs = azure.bgpTunnelCidrs ?? AZURE_DEFAULT_BGP_TUNNEL_CIDRS;
    const apipa = `${AZURE_APIPA_RANGE.first}-${AZURE_APIPA_RANGE.last}`;
    if (!Array.isArray(cidrs) || cidrs.length !== 2) {
        error(
            "azure.bgp-tunnel-cidrs",
            "azure.bgpTunnelCidrs",
            cidrs,
            "two /30s are needed: the master and the slave tunnel each run their own BGP session.",
            `list two /30s inside ${apipa} in ${path}.azure.bgpTunnelCidrs, or leave it out for ${allowedList(AZURE_DEFAULT_BGP_TUNNEL_CIDRS)}.`,
        );
    } else {
        cidrs.forEach((cidr, i) => {
            const field = `azure.bgpTunnelCidrs[${i}]`;
            const bad = (message: string, fix: string) =>
                error("azure.bgp-tunnel-cidr", field, cidr, `${message} (${AZURE_SOURCES.bgpApipa}).`, fix, `a /30 inside ${apipa}`);
            if (typeof cidr !== "string" || cidrSyntaxError(cidr) !== undefined || prefixLength(cidr) !== 30) {
                bad("a tunnel's BGP block is a /30: Azure takes its first usable address, Alibaba the second", `write ${path}.${field} like ${AZURE_DEFAULT_BGP_TUNNEL_CIDRS[i]}.`);
            } else if (hasHostBits(cidr)) {
                bad("host bits are set", `write the /30's network address in ${path}.${field}.`);
            } else if (!AZURE_APIPA_RANGE.blocks.some((b) => contains(b, cidr))) {
                bad(
                    `Azure's custom BGP addresses for VPN gateways must lie in the APIPA range ${apipa}`,
                    `choose a /30 inside ${apipa} for ${path}.${field}, e.g. ${AZURE_DEFAULT_BGP_TUNNEL_CIDRS[i]}.`,
                );
            } else if (i === 1 && typeof cidrs[0] === "string" && cidrSyntaxError(cidrs[0]) === undefined && overlaps(cidrs[0], cidr)) {
                bad(
                    `${path}.azure.bgpTunnelCidrs[0] already uses it; each tunnel needs its own /30`,
                    `choose another /30 for ${path}.${field}, e.g. the one after ${cidrs[0]}.`,
                );
            }
        });
    }

    // Pre-shared keys: Azure's rule, then Alibaba's, named by the user's key.
    if (psks !== undefined && psks.length !== 1 && psks.length !== 2) {
        error(
            "azure.psk",
            "psks",
            `${psks.length} keys`,
            "give one key for both tunnels or one per tunnel (master, slave).",
            `list one or two keys in ${path}.psks, or leave it out for random keys.`,
        );
    }
    (psks ?? []).forEach((psk, i) => {
        const field = `${path}.psks[${i}]`;
        if (typeof psk !== "string" || psk.length < AZURE_PSK_LENGTH.min || psk.length > AZURE_PSK_LENGTH.max || !AZURE_PSK_PATTERN.test(psk)) {
            findings.push({
                severity: "error",
                code: "azure.psk",
                site,
                field,
                value: "[secret]",
                allowed: "1-128 printable ASCII characters without spaces",
                message:
                    typeof psk === "string" && psk.length > AZURE_PSK_LENGTH.max
                        ? `Azure takes shared keys of at most ${AZURE_PSK_LENGTH.max} characters (this one has ${psk.length}; ${AZURE_SOURCES.sharedKey}).`
                        : `Azure takes a shared key of printable ASCII characters (modelled: no spaces or other characters; ${AZURE_SOURCES.sharedKey}).`,
                fix: `set ${field} to 16-100 letters and digits, or leave ${path}.psks out for random keys.`,
            });
            return;
        }
        findings.push(...validatePsk(psk, field, site));
    });
    return findings;
}

/**
 * Plans an Azure cloud link: the Azure end's checks, the profile against both clouds, and the Alibaba site (hub and
 * one BGP connection) through the site planner, so the Alibaba end gets every check a VpnSite gets. Nothing is created.
 */
export function planAzureCloudLink(name: string, spec: AzureCloudLinkSpec): { plan?: AzureCloudLinkPlan; findings: Finding[] } {
    const path = spec.configPath ?? name;
    const azure = spec.azure;
    const vnetCidrs = Array.isArray(azure.vnetCidrs) ? azure.vnetCidrs : [];
    const alibabaSubnets = spec.alibaba.alibabaSubnets ?? [spec.alibaba.vpcCidr];
    const azureFindings = checkAzureEnd(azure, spec.psks, [spec.alibaba.vpcCidr, ...alibabaSubnets].filter((b) => typeof b === "string"), path, name);
    const cidrs = azure.bgpTunnelCidrs ?? [...AZURE_DEFAULT_BGP_TUNNEL_CIDRS];
    const asn = asnValue(azure.asn ?? AZURE_DEFAULT_ASN);
    // The Alibaba connection is planned only when the Azure values it carries are sound (else the Azure findings say why).
    const sound = !azureFindings.some(
        (f) => f.severity === "error" && /azure\.(vnetCidrs|bgpTunnelCidrs|asn)/.test(f.field ?? ""),
    );
    const tunnels = sound ? (["master", "slave"] as const).map((role, i) => azureBgpTunnel(role, cidrs[i])) : [];
    const { profile, findings, site } = planAlibabaEnd(name, AZURE, spec, azureFindings, (profileInput) =>
        sound
            ? [
                  {
                      name: `${name}-azure`,
                      peerSubnets: vnetCidrs,
                      alibabaSubnets: spec.alibaba.alibabaSubnets,
                      profile: profileInput,
                      // Route-based with BGP: 0.0.0.0/0 selectors, the routes come from the sessions.
                      routingMode: "destination",
                      routing: "bgp",
                      peerAsn: asn,
                      bgp: { tunnels: tunnels.map((t) => ({ tunnelCidr: t.tunnelCidr, localBgpIp: t.alibabaBgpIp })) },
                      // Both tunnels end on the Azure gateway's one public address: one customer gateway.
                      separateSlavePeer: false,
                      // Keys were checked above against both clouds' rules, by the user's key names.
                      peerPlatforms: [],
                      configPath: path,
                  },
              ]
            : undefined,
    );
    if (!site) {
        return { findings };
    }
    const subnet = parseSubnetId(azure.gatewaySubnetId)!;
    const gatewayName = `${name}-vgw`;
    return {
        findings,
        plan: {
            cloud: "azure",
            name,
            profile,
            site,
            location: azure.location,
            resourceGroupName: azure.resourceGroupName,
            gatewaySubnetId: azure.gatewaySubnetId,
            gatewayName,
            ipConfigurationId: `/subscriptions/${subnet.subscription}/resourceGroups/${azure.resourceGroupName}/providers/Microsoft.Network/virtualNetworkGateways/${gatewayName}/ipConfigurations/default`,
            sku: azure.sku ?? AZURE_DEFAULT_SKU,
            asn: asn!,
            vnetCidrs,
            alibabaSubnets,
            ipsecPolicy: azureIpsecPolicy(profile),
            connectionProtocol: profile.ike.version === "ikev2" ? "IKEv2" : "IKEv1",
            bgpTunnels: tunnels,
            alibabaAsn: ALIBABA_ASN,
            psks: spec.psks && (spec.psks.length === 1 ? [spec.psks[0], spec.psks[0]] : spec.psks),
        },
    };
}
