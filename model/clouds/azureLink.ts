// The plan of a cloud link between an Alibaba Cloud dual-tunnel VPN gateway and an Azure VPN gateway (STUB: to be
// written; see awsLink.ts for the model and components/cloudEnds/azure.ts for what consumes the plan).
import { Finding } from "../findings";
import { IpsecProfile, IpsecProfileInput } from "../profile";
import { SitePlan } from "../site";
import { CloudAlibabaEndSpec } from "./alibabaEnd";
import { AzureIpsecPolicy } from "./azure";

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

export interface AzureCloudLinkPlan {
    cloud: "azure";
    name: string;
    profile: IpsecProfile;
    /** The Alibaba site: the hub and its one BGP connection (master and slave tunnels to the Azure gateway). */
    site: SitePlan;
    location: string;
    resourceGroupName: string;
    gatewaySubnetId: string;
    sku: string;
    asn: number;
    vnetCidrs: string[];
    /** The one ipsecPolicies entry of both connections. */
    ipsecPolicy: AzureIpsecPolicy;
    /** "IKEv2" or "IKEv1". */
    connectionProtocol: string;
    /** Per tunnel (master, slave): Azure's and Alibaba's BGP addresses and the /30. */
    bgpTunnels: Array<{ role: "master" | "slave"; tunnelCidr: string; azureBgpIp: string; alibabaBgpIp: string }>;
    /** Alibaba's ASN (the local network gateways' asn). */
    alibabaAsn: number;
    psks?: string[];
}

export function planAzureCloudLink(name: string, spec: AzureCloudLinkSpec): { plan?: AzureCloudLinkPlan; findings: Finding[] } {
    const path = spec.configPath ?? name;
    return {
        findings: [
            {
                severity: "error",
                code: "cloud.not-built",
                site: name,
                field: `${path}.azure`,
                message: "the Azure end of a cloud link is not built yet.",
                fix: `use ${path}.aws.`,
            },
        ],
    };
}
