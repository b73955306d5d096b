/** Node addresses of the Feishu plugin, from Feishu's own ids (stable across loads). */
import { extendAddress, type NodeAddress } from '../../core/address.js';
import {
  BOT_PREFIX,
  CHAT_PREFIX,
  DOC_PREFIX,
  EDIT_PREFIX,
  MESSAGE_PREFIX,
  REACTION_PREFIX,
  RECORD_PREFIX,
  SPACE_PREFIX,
  TABLE_PREFIX,
  USER_PREFIX,
} from './declaration.js';

export const userAddress = (openId: string): NodeAddress => extendAddress(USER_PREFIX, [openId]);
export const botAddress = (appId: string): NodeAddress => extendAddress(BOT_PREFIX, [appId]);
export const chatAddress = (chatId: string): NodeAddress => extendAddress(CHAT_PREFIX, [chatId]);

export const messageAddress = (chatId: string, messageId: string): NodeAddress =>
  extendAddress(MESSAGE_PREFIX, [chatId, messageId]);

export const reactionAddress = (
  chatId: string,
  messageId: string,
  operatorId: string,
  emoji: string,
): NodeAddress => extendAddress(REACTION_PREFIX, [chatId, messageId, operatorId, emoji]);

export const spaceAddress = (spaceId: string): NodeAddress =>
  extendAddress(SPACE_PREFIX, [spaceId]);

export const docAddress = (spaceId: string, objType: string, objToken: string): NodeAddress =>
  extendAddress(DOC_PREFIX, [spaceId, objType, objToken]);

export const editAddress = (
  spaceId: string,
  objToken: string,
  userId: string,
  day: string,
): NodeAddress => extendAddress(EDIT_PREFIX, [spaceId, objToken, userId, day]);

export const tableAddress = (appToken: string, tableId: string): NodeAddress =>
  extendAddress(TABLE_PREFIX, [appToken, tableId]);

export const recordAddress = (appToken: string, tableId: string, recordId: string): NodeAddress =>
  extendAddress(RECORD_PREFIX, [appToken, tableId, recordId]);
