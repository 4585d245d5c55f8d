// A cloud link's plan, whatever the other cloud: the args name exactly one of aws, azure and gcp, and that cloud's
// planner checks both ends before anything is registered. Pure data, no Pulumi.
import { Finding } from "../findings";
import { IpsecProfileInput } from "../profile";
import { CloudAlibabaEndSpec } from "./alibabaEnd";
import { AwsCloudLinkPlan, AwsEndSpec, planAwsCloudLink } from "./awsLink";
import { AzureCloudLinkPlan, AzureEndSpec, planAzureCloudLink } from "./azureLink";
import { GcpCloudLinkPlan, GcpEndSpec, planGcpCloudLink } from "./gcpLink";

/** The other clouds a cloud link reaches. */
export const PeerCloud = {
    Aws: "aws",
    Azure: "azure",
    Gcp: "gcp",
} as const;
export type PeerCloud = (typeof PeerCloud)[keyof typeof PeerCloud];

export interface CloudLinkSpec {
    alibaba: CloudAlibabaEndSpec;
    /** AWS Site-to-Site VPN: two VPN connections, four tunnels, static routes. */
    aws?: AwsEndSpec;
    /** Azure VPN Gateway: one route-based gateway, a local network gateway and a connection per Alibaba address, BGP. */
    azure?: AzureEndSpec;
    /** Google Cloud HA VPN: two interfaces, an external VPN gateway for Alibaba's two addresses, a Cloud Router, BGP. */
    gcp?: GcpEndSpec;
    profile?: IpsecProfileInput;
    psks?: string[];
    configPath?: string;
}

export type CloudLinkPlan = AwsCloudLinkPlan | AzureCloudLinkPlan | GcpCloudLinkPlan;

/** Plans a cloud link without creating anything: every finding and, when there is no error, what to create. */
export function planCloudLink(name: string, spec: CloudLinkSpec): { plan?: CloudLinkPlan; findings: Finding[] } {
    const path = spec.configPath ?? name;
    const given = (Object.values(PeerCloud) as PeerCloud[]).filter((c) => spec[c] !== undefined);
    if (given.length !== 1) {
        return {
            findings: [
                {
                    severity: "error",
                    code: "cloud.peer",
                    site: name,
                    field: given.length === 0 ? `${path}.aws` : `${path}.${given[1]}`,
                    message:
                        given.length === 0
                            ? "a cloud link needs the other cloud's end: one of aws, azure or gcp."
                            : `a cloud link joins Alibaba Cloud to one other cloud; ${given.join(" and ")} are both set.`,
                    fix:
                        given.length === 0
                            ? `set ${path}.aws, ${path}.azure or ${path}.gcp.`
                            : `keep ${path}.${given[0]} and make a second cloud link for ${given.slice(1).join(", ")}.`,
                },
            ],
        };
    }
    const common = { alibaba: spec.alibaba, profile: spec.profile, psks: spec.psks, configPath: spec.configPath };
    switch (given[0]) {
        case "aws":
            return planAwsCloudLink(name, { ...common, aws: spec.aws! });
        case "azure":
            return planAzureCloudLink(name, { ...common, azure: spec.azure! });
        case "gcp":
            return planGcpCloudLink(name, { ...common, gcp: spec.gcp! });
    }
}
