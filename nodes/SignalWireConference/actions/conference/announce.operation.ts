import type { INodeProperties } from 'n8n-workflow';

import {
	describeAnnouncement,
	prepareAnnouncement,
	readAnnouncement,
} from '../common/announcement';
import { announcementFields } from '../common/announceFields';
import {
	readConferenceChoice,
	refuseUnlessRunning,
	resolveConference,
} from '../common/conferenceByName';
import { conferenceLocatorWithName } from '../common/locators';
import { updateConference } from './update.operation';
import { jsonItems } from '../../helpers/jsonItems';
import type { Execute, Validate } from '../defineResource';

export const option = {
	name: 'Announce',
	value: 'announce',
	description: 'Speak a text, play an audio file or a cXML URL to everyone in a running conference',
	action: 'Announce into a conference',
};

export const properties: INodeProperties[] = [
	conferenceLocatorWithName('The running conference to announce into, e.g. All hands'),
	...announcementFields('everyone in the conference'),
];

/** Run for every item before the first announcement is made (see the router). */
export const validate: Validate = async function (itemIndex) {
	readAnnouncement(this, itemIndex);
	readConferenceChoice(this, itemIndex);
};

export const execute: Execute = async function (itemIndex) {
	const announcement = readAnnouncement(this, itemIndex);
	const conference = await resolveConference(this, itemIndex, {
		consequence: 'nothing was announced',
		refuses: refuseUnlessRunning,
	});
	const sid = conference.sid!;
	const { form, script } = await prepareAnnouncement(this, announcement, itemIndex);
	const updated = await updateConference(this, sid, form, itemIndex);
	return jsonItems({
		...describeAnnouncement(announcement, script),
		conference: {
			sid,
			friendly_name: updated.friendly_name ?? conference.friendlyName,
			status: updated.status ?? conference.status,
		},
	});
};
