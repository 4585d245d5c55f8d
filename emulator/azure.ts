// Azure VPN Gateway in the emulator: the @pulumi/azure-native network resources a cloud link creates, with Azure
// Resource Manager's id shape (/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/<type>/<name>),
// the outputs the provider reports (the public IP's address, the gateway's BGP settings with its tunnel addresses)
// and the refusals Azure documents. Like aws.ts it restates Azure's rules on raw inputs instead of reusing
// model/clouds, so it catches what the library gets wrong.
// Sources (each rule names its own): the REST API's enums and shapes
// (https://learn.microsoft.com/en-us/rest/api/network-gateway/virtual-network-gateway-connections/create-or-update,
// https://learn.microsoft.com/en-us/rest/api/network-gateway/virtual-network-gateways/create-or-update), the custom
// IPsec/IKE policy rules (https://learn.microsoft.com/en-us/azure/vpn-gateway/ipsec-ike-policy-howto), the SKUs
// (https://learn.microsoft.com/en-us/azure/vpn-gateway/about-gateway-skus), BGP (the VPN Gateway FAQ's BGP section,
// https://learn.microsoft.com/en-us/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp, and
// https://learn.microsoft.com/en-us/azure/vpn-gateway/bgp-howto), and @pulumi/azure-native 3.x's network/*.d.ts.
// Error codes and texts the references do not give word for word are marked "modelled".
import * as ipaddr from "ipaddr.js";
import { PeerCloudEmulator, PeerCreateRequest } from "./peerClouds";
import { AlibabaApiError, EmulatorState, RecordedResource } from "./state";

export const AZURE_TYPES = {
    provider: "pulumi:providers:azure-native",
    publicIpAddress: "azure-native:network:PublicIPAddress",
    virtualNetworkGateway: "azure-native:network:VirtualNetworkGateway",
    localNetworkGateway: "azure-native:network:LocalNetworkGateway",
    connection: "azure-native:network:VirtualNetworkGatewayConnection",
} as const;

/** An error as Azure Resource Manager returns it (code, message). */
export class AzureApiError extends AlibabaApiError {
    constructor(code: string, message: string) {
        super(code, message, 400);
        this.name = "AzureApiError";
    }
}

function fail(code: string, message: string): never {
    throw new AzureApiError(code, message);
}

/** The subscription the emulator's Azure resources live in, unless a subnet id names another. */
export const AZURE_EMULATOR_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";

// Public regions (https://learn.microsoft.com/en-us/azure/reliability/regions-list), restated here on purpose.
const LOCATIONS = new Set([
    "australiacentral", "australiacentral2", "australiaeast", "australiasoutheast", "austriaeast", "belgiumcentral", "brazilsouth",
    "brazilsoutheast", "canadacentral", "canadaeast", "centralindia", "centralus", "chilecentral", "eastasia", "eastus", "eastus2",
    "francecentral", "francesouth", "germanynorth", "germanywestcentral", "indonesiacentral", "israelcentral", "italynorth",
    "japaneast", "japanwest", "jioindiacentral", "jioindiawest", "koreacentral", "koreasouth", "malaysiawest", "mexicocentral",
    "newzealandnorth", "northcentralus", "northeurope", "norwayeast", "norwaywest", "polandcentral", "qatarcentral",
    "southafricanorth", "southafricawest", "southcentralus", "southindia", "southeastasia", "spaincentral", "swedencentral",
    "swedensouth", "switzerlandnorth", "switzerlandwest", "uaecentral", "uaenorth", "uksouth", "ukwest", "westcentralus",
    "westeurope", "westindia", "westus", "westus2", "westus3",
]);

// The REST API's enums (IpsecPolicy, VirtualNetworkGatewaySkuName, ...), as @pulumi/azure-native's network enums spell them.
const IKE_ENCRYPTION = ["DES", "DES3", "AES128", "AES192", "AES256", "GCMAES128", "GCMAES256"];
const IKE_INTEGRITY = ["MD5", "SHA1", "SHA256", "SHA384", "GCMAES128", "GCMAES256"];
const DH_GROUP = ["None", "DHGroup1", "DHGroup2", "DHGroup14", "DHGroup2048", "ECP256", "ECP384", "DHGroup24"];
const IPSEC_ENCRYPTION = ["None", "DES", "DES3", "AES128", "AES192", "AES256", "GCMAES128", "GCMAES192", "GCMAES256"];
const IPSEC_INTEGRITY = ["MD5", "SHA1", "SHA256", "GCMAES128", "GCMAES192", "GCMAES256"];
const PFS_GROUP = ["None", "PFS1", "PFS2", "PFS2048", "ECP256", "ECP384", "PFS24", "PFS14", "PFSMM"];
const GATEWAY_SKUS = [
    "Basic", "HighPerformance", "Standard", "UltraPerformance", "VpnGw1", "VpnGw2", "VpnGw3", "VpnGw4", "VpnGw5",
    "VpnGw1AZ", "VpnGw2AZ", "VpnGw3AZ", "VpnGw4AZ", "VpnGw5AZ", "ErGw1AZ", "ErGw2AZ", "ErGw3AZ", "ErGwScale",
];
const GATEWAY_TYPES = ["Vpn", "ExpressRoute", "LocalGateway"];
const VPN_TYPES = ["PolicyBased", "RouteBased"];
const CONNECTION_TYPES = ["IPsec", "Vnet2Vnet", "ExpressRoute", "VPNClient"];
const CONNECTION_PROTOCOLS = ["IKEv2", "IKEv1"];

const ARM_TYPE: Record<string, string> = {
    [AZURE_TYPES.publicIpAddress]: "publicIPAddresses",
    [AZURE_TYPES.virtualNetworkGateway]: "virtualNetworkGateways",
    [AZURE_TYPES.localNetworkGateway]: "localNetworkGateways",
    [AZURE_TYPES.connection]: "connections",
};
const NAME_INPUT: Record<string, string> = {
    [AZURE_TYPES.publicIpAddress]: "publicIpAddressName",
    [AZURE_TYPES.virtualNetworkGateway]: "virtualNetworkGatewayName",
    [AZURE_TYPES.localNetworkGateway]: "localNetworkGatewayName",
    [AZURE_TYPES.connection]: "virtualNetworkGatewayConnectionName",
};
const SUBNET_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/virtualNetworks\/([^/]+)\/subnets\/([^/]+)$/i;

function ipNumber(ip: string): number {
    return ipaddr.IPv4.parse(ip)
        .toByteArray()
        .reduce((a, o) => a * 256 + o, 0);
}

function isIpv4(text: unknown): text is string {
    return typeof text === "string" && ipaddr.IPv4.isValidFourPartDecimal(text);
}

/** Azure's custom BGP (APIPA) addresses: 169.254.21.0-169.254.22.255 (bgp-howto; VPN Gateway FAQ, BGP). */
function inApipa(ip: string): boolean {
    const n = ipNumber(ip);
    return n >= ipNumber("169.254.21.0") && n <= ipNumber("169.254.22.255");
}

/** ASNs Azure refuses (VPN Gateway FAQ, BGP): its own, and IANA's reserved ones. */
function reservedAsn(asn: number, onPremises: boolean): boolean {
    return (
        [8074, 8075, 12076].includes(asn) ||
        (onPremises && [65515, 65517, 65518, 65519, 65520].includes(asn)) ||
        asn === 23456 ||
        (asn >= 64496 && asn <= 64511) ||
        (asn >= 65535 && asn <= 65551) ||
        asn === 4294967295
    );
}

/** The ARM resource name: the explicit name input, else the Pulumi name (azure-native auto-naming adds a suffix; modelled without). */
function armName(type: string, urn: string, inputs: Record<string, any>): string {
    return inputs[NAME_INPUT[type]] ?? urn.split("::").pop()!;
}

/** The ARM id of a resource of this program: its own subscription (a gateway's is its GatewaySubnet's). */
export function azureResourceId(type: string, urn: string, inputs: Record<string, any>): string {
    const subnetId = inputs.ipConfigurations?.[0]?.subnet?.id;
    const subscription = (typeof subnetId === "string" && SUBNET_ID.exec(subnetId)?.[1]) || AZURE_EMULATOR_SUBSCRIPTION;
    return `/subscriptions/${subscription}/resourceGroups/${inputs.resourceGroupName}/providers/Microsoft.Network/${ARM_TYPE[type]}/${armName(type, urn, inputs)}`;
}

function requireRecorded(state: EmulatorState, id: unknown, type: string, what: string): RecordedResource {
    const found = typeof id === "string" ? state.findById(id) : undefined;
    if (!found || found.type !== type) {
        fail("ResourceNotFound", `The Resource '${String(id)}' (${what}) under resource group was not found.`);
    }
    return found;
}

function oneOf(value: unknown, allowed: readonly string[], parameter: string): void {
    if (value !== undefined && !allowed.includes(value as string)) {
        // ARM's enum refusal (modelled wording).
        fail("InvalidRequestFormat", `Cannot parse the request: ${parameter} '${String(value)}' is not one of ${allowed.join(", ")}.`);
    }
}

export function validateAzure(request: PeerCreateRequest, state: EmulatorState): void {
    const { type, inputs } = request;
    if (type === AZURE_TYPES.provider) {
        return;
    }
    if (!ARM_TYPE[type]) {
        fail("UnsupportedOperation", `The emulator does not model ${type}.`);
    }
    if (inputs.location !== undefined && !LOCATIONS.has(inputs.location)) {
        // https://learn.microsoft.com/en-us/azure/azure-resource-manager/troubleshooting/error-sku-not-available (LocationNotAvailableForResourceType).
        fail("LocationNotAvailableForResourceType", `The provided location '${inputs.location}' is not available for resource type 'Microsoft.Network/${ARM_TYPE[type]}'.`);
    }
    const rg = inputs.resourceGroupName;
    // https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/resource-name-rules#microsoftresources
    if (typeof rg !== "string" || !/^[-\w.()]{1,90}$/u.test(rg) || rg.endsWith(".")) {
        fail("InvalidResourceGroup", `The provided resource group name '${String(rg)}' has these invalid characters or length.`);
    }
    switch (type) {
        case AZURE_TYPES.publicIpAddress:
            // A Standard public IP is static (https://learn.microsoft.com/en-us/azure/virtual-network/ip-services/public-ip-addresses#sku); modelled code.
            if (inputs.sku?.name === "Standard" && inputs.publicIPAllocationMethod === "Dynamic") {
                fail("StandardSkuPublicIPAddressesCannotBeDynamic", "Standard sku public IP addresses require static allocation.");
            }
            return;
        case AZURE_TYPES.virtualNetworkGateway:
            return validateGateway(request, state);
        case AZURE_TYPES.localNetworkGateway: {
            if (inputs.gatewayIpAddress === undefined && inputs.fqdn === undefined) {
                fail("InvalidRequestFormat", "A local network gateway needs gatewayIpAddress or fqdn.");
            }
            if (inputs.gatewayIpAddress !== undefined && !isIpv4(inputs.gatewayIpAddress)) {
                fail("InvalidRequestFormat", `Value '${inputs.gatewayIpAddress}' of gatewayIpAddress is not a valid IP address.`);
            }
            for (const prefix of inputs.localNetworkAddressSpace?.addressPrefixes ?? []) {
                if (typeof prefix !== "string" || !ipaddr.IPv4.isValidCIDR(prefix)) {
                    fail("InvalidAddressPrefixFormat", `Address prefix ${prefix} of local network gateway is not in valid CIDR format.`);
                }
            }
            const bgp = inputs.bgpSettings;
            if (bgp) {
                if (!Number.isInteger(bgp.asn) || bgp.asn < 1 || reservedAsn(bgp.asn, true)) {
                    // VPN Gateway FAQ, BGP: "you can't specify these ASNs for your on-premises VPN devices"; modelled code.
                    fail("InvalidBgpAsn", `ASN ${bgp.asn} is reserved by Azure or IANA and cannot be used for an on-premises BGP peer.`);
                }
                if (!isIpv4(bgp.bgpPeeringAddress)) {
                    fail("InvalidRequestFormat", `bgpPeeringAddress '${bgp.bgpPeeringAddress}' is not a valid IP address.`);
                }
            }
            return;
        }
        case AZURE_TYPES.connection:
            return validateConnection(inputs, state);
    }
}

function validateGateway(request: PeerCreateRequest, state: EmulatorState): void {
    const { inputs } = request;
    const gatewayId = azureResourceId(request.type, request.urn, inputs);
    oneOf(inputs.gatewayType, GATEWAY_TYPES, "gatewayType");
    oneOf(inputs.vpnType, VPN_TYPES, "vpnType");
    oneOf(inputs.sku?.name, GATEWAY_SKUS, "sku.name");
    const sku = inputs.sku?.name ?? "Basic";
    // about-gateway-skus: "The Basic SKU ... doesn't support BGP"; modelled code.
    if (inputs.enableBgp && sku === "Basic") {
        fail("BgpNotSupportedOnBasicSku", "BGP is not supported on a Basic SKU virtual network gateway (https://learn.microsoft.com/en-us/azure/vpn-gateway/about-gateway-skus).");
    }
    // vpn-gateway-bgp-overview: "BGP is an optional feature you can use with Azure Route-Based VPN gateways"; modelled code.
    if (inputs.enableBgp && inputs.vpnType === "PolicyBased") {
        fail("BgpNotSupportedOnPolicyBasedGateway", "BGP needs a RouteBased VPN gateway (https://learn.microsoft.com/en-us/azure/vpn-gateway/vpn-gateway-bgp-overview).");
    }
    const configs: any[] = inputs.ipConfigurations ?? [];
    if (configs.length === 0) {
        fail("InvalidRequestFormat", "A virtual network gateway needs an IP configuration.");
    }
    for (const config of configs) {
        const subnet = typeof config.subnet?.id === "string" ? SUBNET_ID.exec(config.subnet.id) : null;
        // vpn-gateway-about-vpn-gateway-settings#gwsub: the gateway subnet "must be named GatewaySubnet"; modelled code.
        if (!subnet || subnet[4] !== "GatewaySubnet") {
            fail("GatewaySubnet", `Subnet '${String(config.subnet?.id)}' is not valid for a virtual network gateway: the subnet must be named GatewaySubnet.`);
        }
        requireRecorded(state, config.publicIPAddress?.id, AZURE_TYPES.publicIpAddress, "public IP address");
    }
    const bgp = inputs.bgpSettings;
    if (bgp) {
        if (bgp.asn !== undefined && (!Number.isInteger(bgp.asn) || bgp.asn < 1 || reservedAsn(bgp.asn, bgp.asn !== 65515))) {
            fail("InvalidBgpAsn", `ASN ${bgp.asn} is reserved by Azure or IANA (https://learn.microsoft.com/en-us/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp).`);
        }
        for (const peering of bgp.bgpPeeringAddresses ?? []) {
            if (!configs.some((c) => peering.ipconfigurationId === `${gatewayId}/ipConfigurations/${c.name}`)) {
                // Modelled: the peering address must name one of this gateway's IP configurations.
                fail("InvalidResourceReference", `ipconfigurationId '${peering.ipconfigurationId}' is not an IP configuration of gateway ${gatewayId}.`);
            }
            for (const ip of peering.customBgpIpAddresses ?? []) {
                if (!isIpv4(ip) || !inApipa(ip)) {
                    // bgp-howto: custom Azure APIPA BGP addresses lie in 169.254.21.0-169.254.22.255; modelled code.
                    fail("InvalidCustomBgpIpAddress", `Custom BGP IP address ${ip} is not in the Azure APIPA range 169.254.21.0 - 169.254.22.255.`);
                }
            }
        }
    }
}

function validateConnection(inputs: Record<string, any>, state: EmulatorState): void {
    oneOf(inputs.connectionType, CONNECTION_TYPES, "connectionType");
    oneOf(inputs.connectionProtocol, CONNECTION_PROTOCOLS, "connectionProtocol");
    const gateway = requireRecorded(state, inputs.virtualNetworkGateway1?.id, AZURE_TYPES.virtualNetworkGateway, "virtual network gateway");
    const lng =
        inputs.connectionType === "IPsec"
            ? requireRecorded(state, inputs.localNetworkGateway2?.id, AZURE_TYPES.localNetworkGateway, "local network gateway")
            : undefined;
    const key = inputs.sharedKey;
    // The shared key is 1-128 characters (set-shared-key / reset: "between 1 and 128"); printable ASCII is modelled.
    if (key !== undefined && (typeof key !== "string" || key.length < 1 || key.length > 128 || !/^[\x21-\x7e]+$/.test(key))) {
        fail("InvalidSharedKey", "The shared key must be 1 to 128 printable ASCII characters.");
    }
    const policies: any[] = inputs.ipsecPolicies ?? [];
    if (policies.length > 0) {
        // ipsec-ike-policy-howto: "You can only specify one policy combination for a given connection."
        if (policies.length > 1) {
            fail("InvalidIpsecPolicies", "Only one IPsec/IKE policy combination can be specified for a connection (https://learn.microsoft.com/en-us/azure/vpn-gateway/ipsec-ike-policy-howto).");
        }
        // ipsec-ike-policy-howto: custom policies need a route-based gateway of a VpnGw SKU, not Basic; modelled code.
        if ((gateway.inputs.sku?.name ?? "Basic") === "Basic") {
            fail("IpsecPolicyNotSupportedOnBasicSku", "Custom IPsec/IKE policies are not supported on a Basic SKU gateway.");
        }
        const p = policies[0];
        oneOf(p.ikeEncryption, IKE_ENCRYPTION, "ipsecPolicies[0].ikeEncryption");
        oneOf(p.ikeIntegrity, IKE_INTEGRITY, "ipsecPolicies[0].ikeIntegrity");
        oneOf(p.dhGroup, DH_GROUP, "ipsecPolicies[0].dhGroup");
        oneOf(p.ipsecEncryption, IPSEC_ENCRYPTION, "ipsecPolicies[0].ipsecEncryption");
        oneOf(p.ipsecIntegrity, IPSEC_INTEGRITY, "ipsecPolicies[0].ipsecIntegrity");
        oneOf(p.pfsGroup, PFS_GROUP, "ipsecPolicies[0].pfsGroup");
        // ipsec-ike-policy-howto: "QM SA Lifetime ... Seconds (integer; min. 300/default 27000 seconds)".
        if (!Number.isInteger(p.saLifeTimeSeconds) || p.saLifeTimeSeconds < 300) {
            fail("InvalidIpsecPolicySaLifeTime", `saLifeTimeSeconds ${p.saLifeTimeSeconds} is invalid: the QM SA lifetime is at least 300 seconds.`);
        }
        // ipsec-ike-policy-howto: "KBytes (integer; min. 1024/default 102400000 KBytes)".
        if (!Number.isInteger(p.saDataSizeKilobytes) || (p.saDataSizeKilobytes !== 0 && p.saDataSizeKilobytes < 1024)) {
            fail("InvalidIpsecPolicySaDataSize", `saDataSizeKilobytes ${p.saDataSizeKilobytes} is invalid: at least 1024 KB.`);
        }
        // GCM: the same GCM algorithm for encryption and integrity (ipsec-ike-policy-howto, "GCMAES ... must match").
        if (p.ipsecEncryption?.startsWith("GCM") !== p.ipsecIntegrity?.startsWith("GCM") || (p.ipsecEncryption?.startsWith("GCM") && p.ipsecEncryption !== p.ipsecIntegrity)) {
            fail("InvalidIpsecPolicy", "With GCMAES for IPsec encryption, IPsec integrity must be the same GCMAES algorithm.");
        }
    }
    if (inputs.enableBgp) {
        // vpn-gateway-bgp-overview: BGP on a connection needs it on the gateway and the local network gateway; modelled code.
        if (!gateway.inputs.enableBgp) {
            fail("BgpNotEnabledOnGateway", `BGP is not enabled on virtual network gateway ${gateway.id}.`);
        }
        if (lng && !lng.inputs.bgpSettings) {
            fail("BgpSettingsMissingOnLocalNetworkGateway", `Local network gateway ${lng.id} has no BGP settings.`);
        }
    }
    for (const custom of inputs.gatewayCustomBgpIpAddresses ?? []) {
        const peering = (gateway.inputs.bgpSettings?.bgpPeeringAddresses ?? []).find((b: any) => b.ipconfigurationId === custom.ipConfigurationId);
        // Modelled: a connection's custom BGP address is one the gateway's IP configuration declares.
        if (!peering || !(peering.customBgpIpAddresses ?? []).includes(custom.customBgpIpAddress)) {
            fail(
                "InvalidCustomBgpIpAddress",
                `Custom BGP IP address ${custom.customBgpIpAddress} is not one of the gateway's custom BGP addresses for ${custom.ipConfigurationId}.`,
            );
        }
    }
}

// Public addresses: 203.0.113.1-63 (TEST-NET-3, RFC 5737): AWS takes .129 and up, Google Cloud its own.
const addressCount = new WeakMap<EmulatorState, number>();

function nextPublicAddress(state: EmulatorState): string {
    const n = addressCount.get(state) ?? 0;
    if (n >= 63) {
        throw new Error("the emulator's Azure public address pool is exhausted (63 addresses)");
    }
    addressCount.set(state, n + 1);
    return `203.0.113.${1 + n}`;
}

/** The id and outputs Azure (and the provider) report for a created resource. */
export function azureOutputs(
    type: string,
    urn: string,
    _region: string,
    inputs: Record<string, any>,
    state: EmulatorState,
): { id: string; outputs: Record<string, any> } {
    if (type === AZURE_TYPES.provider) {
        return { id: "", outputs: { ...inputs } };
    }
    const id = azureResourceId(type, urn, inputs);
    const outputs: Record<string, any> = { ...inputs, id, name: armName(type, urn, inputs), provisioningState: "Succeeded" };
    switch (type) {
        case AZURE_TYPES.publicIpAddress:
            outputs.ipAddress = nextPublicAddress(state);
            break;
        case AZURE_TYPES.virtualNetworkGateway: {
            const publicIp = state.findById(inputs.ipConfigurations?.[0]?.publicIPAddress?.id);
            const ipConfigurations = (inputs.ipConfigurations ?? []).map((c: any) => ({ ...c, id: `${id}/ipConfigurations/${c.name}` }));
            const bgp = inputs.bgpSettings ?? {};
            outputs.ipConfigurations = ipConfigurations;
            outputs.bgpSettings = {
                asn: bgp.asn ?? 65515,
                peerWeight: bgp.peerWeight ?? 0,
                // The default BGP address is a private address of the GatewaySubnet, which the emulator does not know (the
                // virtual network is not a resource of the program): it reports none rather than invent one.
                bgpPeeringAddress: (bgp.bgpPeeringAddresses?.[0]?.customBgpIpAddresses ?? []).join(","),
                bgpPeeringAddresses: ipConfigurations.map((c: any) => ({
                    ipconfigurationId: c.id,
                    customBgpIpAddresses: (bgp.bgpPeeringAddresses ?? []).find((b: any) => b.ipconfigurationId === c.id)?.customBgpIpAddresses ?? [],
                    defaultBgpIpAddresses: [],
                    tunnelIpAddresses: publicIp?.outputs.ipAddress ? [publicIp.outputs.ipAddress] : [],
                })),
            };
            break;
        }
        case AZURE_TYPES.connection:
            outputs.connectionStatus = "Unknown";
            outputs.ingressBytesTransferred = 0;
            outputs.egressBytesTransferred = 0;
            break;
    }
    return { id, outputs };
}

/** The offline plan's lines for an Azure resource (key inputs and outputs, keys as [secret]), or undefined for other types. */
export function describeAzure(resource: RecordedResource): string[] | undefined {
    const i = resource.inputs;
    const o = resource.outputs;
    const short = (id: unknown) => (typeof id === "string" ? id.split("/").pop() : "?");
    switch (resource.type) {
        case AZURE_TYPES.publicIpAddress:
            return [`location=${i.location} sku=${i.sku?.name} ${i.publicIPAllocationMethod} → ipAddress=${o.ipAddress}`];
        case AZURE_TYPES.virtualNetworkGateway: {
            const peering = o.bgpSettings?.bgpPeeringAddresses?.[0];
            return [
                `location=${i.location} ${i.gatewayType} ${i.vpnType} sku=${i.sku?.name} activeActive=${i.activeActive} subnet=${short(i.ipConfigurations?.[0]?.subnet?.id)}`,
                `bgp asn=${o.bgpSettings?.asn} custom ${(peering?.customBgpIpAddresses ?? []).join(", ")} tunnel ${(peering?.tunnelIpAddresses ?? []).join(", ")}`,
            ];
        }
        case AZURE_TYPES.localNetworkGateway:
            return [
                `location=${i.location} gatewayIpAddress=${i.gatewayIpAddress} addressSpace=${(i.localNetworkAddressSpace?.addressPrefixes ?? []).join(",")} ` +
                    `bgp asn=${i.bgpSettings?.asn} peer=${i.bgpSettings?.bgpPeeringAddress}`,
            ];
        case AZURE_TYPES.connection: {
            const p = i.ipsecPolicies?.[0];
            return [
                `${i.connectionType} ${i.connectionProtocol} gateway=${short(i.virtualNetworkGateway1?.id)} lng=${short(i.localNetworkGateway2?.id)} enableBgp=${i.enableBgp} ` +
                    `customBgp=${(i.gatewayCustomBgpIpAddresses ?? []).map((c: any) => c.customBgpIpAddress).join(",")} sharedKey=[secret]`,
                p
                    ? `ipsecPolicy ike ${p.ikeEncryption}/${p.ikeIntegrity}/${p.dhGroup} 28800s; esp ${p.ipsecEncryption}/${p.ipsecIntegrity} pfs ${p.pfsGroup} ${p.saLifeTimeSeconds}s ${p.saDataSizeKilobytes}KB`
                    : "ipsecPolicy Azure's default",
            ];
        }
        default:
            return undefined;
    }
}

export const azureEmulator: PeerCloudEmulator = {
    cloud: "azure",
    providerType: AZURE_TYPES.provider,
    isType: (type) => type.startsWith("azure-native:") || type === AZURE_TYPES.provider,
    region: (inputs, providerRegion) => inputs.location ?? providerRegion ?? "westus2",
    validate: validateAzure,
    outputs: azureOutputs,
    describe: describeAzure,
};
