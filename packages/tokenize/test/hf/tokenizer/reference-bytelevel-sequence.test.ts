import { describeReference, fixtureFile } from './reference.js';

describeReference('bytelevel-sequence (generated fixture)', fixtureFile('bytelevel-sequence'));
