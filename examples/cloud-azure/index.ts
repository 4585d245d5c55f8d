// An Alibaba Cloud Singapore VPC joined to an Azure virtual network in Southeast Asia, both ends from one profile (the
// strongest both clouds accept) and BGP over both tunnels. Needs `npm install @pulumi/azure-native@^3`, an optional
// peer dependency of alicloud-vpn, and both clouds' credentials for `pulumi up`.
import { CloudLink } from "alicloud-vpn";

const link = new CloudLink("singapore-azure", {
    alibaba: {
        region: "ap-southeast-1",
        vpcCidr: "172.20.0.0/16",
        bandwidth: 10,
        vswitches: [
            { zoneId: "ap-southeast-1a", cidr: "172.20.1.0/24" },
            { zoneId: "ap-southeast-1b", cidr: "172.20.2.0/24" },
        ],
    },
    azure: {
        location: "southeastasia",
        resourceGroupName: "rg-network-sea",
        gatewaySubnetId:
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-network-sea/providers/Microsoft.Network/virtualNetworks/vnet-sea/subnets/GatewaySubnet",
        vnetCidrs: ["10.60.0.0/16"],
    },
});

export const azureGatewayAddress = link.peerTunnelAddresses;
