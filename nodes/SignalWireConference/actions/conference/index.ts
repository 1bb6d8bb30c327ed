import * as announce from './announce.operation';
import * as end from './end.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import { defineResource } from '../defineResource';

export const conference = defineResource('Conference', 'conference', 'getAll', [
	announce,
	end,
	get,
	getAll,
	update,
]);
