import * as add from './add.operation';
import * as announce from './announce.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as hold from './hold.operation';
import * as mute from './mute.operation';
import * as remove from './remove.operation';
import * as unhold from './unhold.operation';
import * as unmute from './unmute.operation';
import * as update from './update.operation';
import { defineResource } from '../defineResource';

export const participant = defineResource('Participant', 'participant', 'getAll', [
	add,
	announce,
	get,
	getAll,
	hold,
	mute,
	remove,
	unhold,
	unmute,
	update,
]);
