import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toCalendarDate } from '../../helpers/calendarDate';
import type { QueryValues } from '../../transport';

/** The on / before / after trio SignalWire offers for DateCreated and DateUpdated. */
export function dateFilters(date: 'Created' | 'Updated', things: string): INodeProperties[] {
	const verb = date === 'Created' ? 'created' : 'last updated';
	return [
		['', 'on'],
		[' Before', 'on or before'],
		[' After', 'on or after'],
	].map(([suffix, when]) => ({
		displayName: `Date ${date}${suffix}`,
		name: `date${date}${suffix.trim()}`,
		type: 'dateTime',
		default: '',
		description: `Only ${things} ${verb} ${when} this date. Only the calendar date is used, as written in the value's own offset.`,
	}));
}

/** SignalWire's query name of a date filter: dateCreatedBefore → DateCreated<, the "<" included. */
function queryName(parameter: string): string {
	return `D${parameter.slice(1)}`.replace(/Before$/, '<').replace(/After$/, '>');
}

export function readDateFilters(
	context: IExecuteFunctions,
	values: IDataObject,
	filters: INodeProperties[],
	itemIndex: number,
): QueryValues {
	const query: QueryValues = {};
	for (const filter of filters) {
		const value = values[filter.name];
		if (value === undefined || value === null || value === '') continue;
		query[queryName(filter.name)] = toCalendarDate(context, value, filter.displayName, itemIndex);
	}
	return query;
}
