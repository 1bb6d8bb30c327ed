import type { IDataObject } from 'n8n-workflow';

import type { QueryValues } from '../transport';
import { conferencePath, conferencesPath } from '../transport';
import { conferenceLabel } from './labels';
import type { PickerList } from './pickerPages';
import {
	BROWSE_PAGE_SIZE,
	getIfExists,
	definePicker,
	newestFirst,
	SEARCH_PAGE_SIZE,
} from './pickerPages';

const isRunning = (conference: IDataObject) => conference.status === 'in-progress';
const runningFirst = (a: IDataObject, b: IDataObject) =>
	Number(isRunning(b)) - Number(isRunning(a)) || newestFirst(a, b);

/**
 * A "From list" conference picker. Nothing typed: newest first, 50 per page (or, `runningFirst`,
 * the running conferences before the rest). Something typed: SignalWire's `FriendlyName` filter
 * (an exact match, across all pages), then a scan of the whole list for names or IDs that contain
 * the text, in any case; an ID finds its conference directly. Each entry says what tells it apart
 * from its namesakes: state, start, duration.
 */
function conferencePicker(runningFirstOrder: boolean) {
	return definePicker((context, needle) => {
		const list = (name: string, pageSize: number, query?: QueryValues): PickerList => ({
			name,
			resource: conferencesPath(),
			listKey: 'conferences',
			pageSize,
			query,
			order: newestFirst,
		});
		let lists: PickerList[];
		if (needle !== '') {
			// Exact namesakes come from the FriendlyName query, across all its pages.
			const scan = list('scan', SEARCH_PAGE_SIZE);
			scan.keep = (conference) => conference.friendly_name !== needle;
			lists = [list('exact', SEARCH_PAGE_SIZE, { FriendlyName: needle }), scan];
		} else if (runningFirstOrder) {
			// The newest page as every picker reads it, and the running conferences wherever they are.
			const rest = list('rest', BROWSE_PAGE_SIZE);
			rest.keep = (conference) => !isRunning(conference);
			lists = [rest, list('running', BROWSE_PAGE_SIZE, { Status: 'in-progress' })];
		} else {
			lists = [list('conferences', BROWSE_PAGE_SIZE)];
		}
		return {
			lists,
			searchIn: (conference) => [conference.friendly_name, conference.sid],
			label: conferenceLabel,
			order: runningFirstOrder ? runningFirst : undefined,
			picked: {
				parameter: 'conferenceId',
				get: async (sid) => await getIfExists(context, conferencePath(sid)),
			},
			getTypedId: true,
		};
	});
}

export const searchConferences = conferencePicker(false);

/** For operations on a live conference (Announce, Add, End, Mute…): running ones first. */
export const searchConferencesRunningFirst = conferencePicker(true);
