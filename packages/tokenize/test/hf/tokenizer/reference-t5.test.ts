import { describeReference, fixtureFile } from './reference.js';

describeReference('t5 (generated fixture)', fixtureFile('t5'));
