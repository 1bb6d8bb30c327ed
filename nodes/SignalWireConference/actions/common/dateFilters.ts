import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toCalendarDate } from '../../helpers/calendarDate';
import type { QueryValues } from '../../transport';

export interface DateFilter {
	name: string;
	displayName: string;
	/** SignalWire's query name; the "<" and ">" are part of it. */
	query: string;
	description: string;
}

/** The on / before / after trio SignalWire offers for DateCreated and DateUpdated. */
export function dateFilters(date: 'Created' | 'Updated', things: string): DateFilter[] {
	const verb = date === 'Created' ? 'created' : 'last updated';
	return [
		['', '', 'on'],
		[' Before', '<', 'on or before'],
		[' After', '>', 'on or after'],
	].map(([suffix, operator, when]) => ({
		name: `date${date}${suffix.trim()}`,
		displayName: `Date ${date}${suffix}`,
		query: `Date${date}${operator}`,
		description: `Only ${things} ${verb} ${when} this date`,
	}));
}

export function dateFilterOptions(filters: DateFilter[]): INodeProperties[] {
	return filters.map((filter) => ({
		displayName: filter.displayName,
		name: filter.name,
		type: 'dateTime',
		default: '',
		description: `${filter.description}. Only the calendar date is used, as written in the value's own offset.`,
	}));
}

export function readDateFilters(
	context: IExecuteFunctions,
	values: IDataObject,
	filters: DateFilter[],
	itemIndex: number,
): QueryValues {
	const query: QueryValues = {};
	for (const filter of filters) {
		const value = values[filter.name];
		if (value === undefined || value === null || value === '') continue;
		query[filter.query] = toCalendarDate(context, value, filter.displayName, itemIndex);
	}
	return query;
}
