import { conference } from './conference';
import { conferenceRecording } from './conferenceRecording';
import { conferenceStream } from './conferenceStream';
import { participant } from './participant';
import type { Resource } from './defineResource';

/** The one registry of resources: the node's Resource list, its fields and the router read it. */
export const RESOURCES: Resource[] = [
	conference,
	participant,
	conferenceRecording,
	conferenceStream,
];
