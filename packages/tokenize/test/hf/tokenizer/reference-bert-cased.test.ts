import { describeReference, fixtureFile } from './reference.js';

describeReference('bert-cased (generated fixture)', fixtureFile('bert-cased'));
