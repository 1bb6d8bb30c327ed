import type { IExecuteFunctions } from 'n8n-workflow';

import type { ResourceLocatorField } from '../../helpers/validation';
import { getSidFromLocator } from '../../helpers/validation';
import type { Target } from '../../transport';
import { CONFERENCE_FIELD } from './conferenceLocator';

/** Something that lives inside one conference: a participant or a recording. */
export interface ConferenceChild {
	field: ResourceLocatorField;
	path: (conferenceSid: string, sid: string) => string;
	notFound: (conferenceSid: string, sid: string) => string;
}

export interface ConferenceChildTarget extends Target {
	conferenceSid: string;
	sid: string;
}

/** The conference and the child an item points at, both validated before any request. */
export function readConferenceChild(
	context: IExecuteFunctions,
	child: ConferenceChild,
	itemIndex: number,
): ConferenceChildTarget {
	const conferenceSid = getSidFromLocator(context, CONFERENCE_FIELD, itemIndex);
	const sid = getSidFromLocator(context, child.field, itemIndex);
	return {
		conferenceSid,
		sid,
		resource: child.path(conferenceSid, sid),
		notFound: child.notFound(conferenceSid, sid),
	};
}
