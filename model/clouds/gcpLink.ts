// The plan of a cloud link between an Alibaba Cloud dual-tunnel VPN gateway and Google Cloud HA VPN (STUB: to be
// written; see awsLink.ts for the model and components/cloudEnds/gcp.ts for what consumes the plan).
import { Finding } from "../findings";
import { IpsecProfile, IpsecProfileInput } from "../profile";
import { SitePlan } from "../site";
import { CloudAlibabaEndSpec } from "./alibabaEnd";

/** The Google Cloud end of a cloud link: an HA VPN gateway, a Cloud Router and two tunnels in `region`. */
export interface GcpEndSpec {
    /** The Google Cloud region, e.g. "asia-southeast1". */
    region: string;
    /** The VPC network (name or self link) the HA VPN gateway and the Cloud Router attach to. */
    network: string;
    /** The project. Default: the provider's. */
    project?: string;
    /** The VPC's subnet ranges: what the Cloud Router announces to Alibaba. */
    vpcCidrs: string[];
    /** The Cloud Router's ASN: private (64512-65534, 4200000000-4294967294) or 16550. Default 65010. */
    asn?: number;
    /** The tunnels' BGP blocks, master then slave: /30s of 169.254.0.0/16. Default 169.254.40.0/30 and 169.254.40.4/30. */
    bgpTunnelCidrs?: string[];
}

export interface GcpCloudLinkSpec {
    alibaba: CloudAlibabaEndSpec;
    gcp: GcpEndSpec;
    profile?: IpsecProfileInput;
    /** One key for both tunnels or one per tunnel (master, slave). Default: a random 32-character key each. */
    psks?: string[];
    configPath?: string;
}

/** GCP's cipher suite names (VPNTunnel cipherSuite). */
export interface GcpCipherSuite {
    phase1: { encryptions: string[]; integrities: string[]; prves: string[]; dhs: string[] };
    phase2: { encryptions: string[]; integrities: string[]; pfs: string[] };
}

export interface GcpCloudLinkPlan {
    cloud: "gcp";
    name: string;
    profile: IpsecProfile;
    /** The Alibaba site: the hub and its one BGP connection (master to HA VPN interface 0, slave to interface 1). */
    site: SitePlan;
    region: string;
    network: string;
    project?: string;
    asn: number;
    vpcCidrs: string[];
    ikeVersion: 1 | 2;
    cipherSuite: GcpCipherSuite;
    /** Per tunnel (master on interface 0, slave on interface 1): GCP's and Alibaba's BGP addresses and the /30. */
    bgpTunnels: Array<{ role: "master" | "slave"; interface: 0 | 1; tunnelCidr: string; gcpBgpIp: string; alibabaBgpIp: string }>;
    alibabaAsn: number;
    psks?: string[];
}

export function planGcpCloudLink(name: string, spec: GcpCloudLinkSpec): { plan?: GcpCloudLinkPlan; findings: Finding[] } {
    const path = spec.configPath ?? name;
    return {
        findings: [
            {
                severity: "error",
                code: "cloud.not-built",
                site: name,
                field: `${path}.gcp`,
                message: "the Google Cloud end of a cloud link is not built yet.",
                fix: `use ${path}.aws.`,
            },
        ],
    };
}
