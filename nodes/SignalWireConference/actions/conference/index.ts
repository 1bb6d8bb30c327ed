import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import { defineResource } from '../resource';

export const conference = defineResource('Conference', 'conference', 'getAll', [
	get,
	getAll,
	update,
]);
