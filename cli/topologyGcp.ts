// The Google Cloud end of a cloud link in the topology picture (STUB: to be written; see topologyAws.ts).
import { RecordedResource } from "../emulator";
import { AwsPeer } from "./topologyAws";

/** The Google Cloud node the peer addresses belong to, or undefined when they are not its tunnel addresses. */
export function gcpPeerFor(_resources: RecordedResource[], _peerIps: string[]): AwsPeer | undefined {
    return undefined;
}
