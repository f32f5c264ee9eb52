import { describeReference, fixtureFile } from './reference.js';

describeReference('bert-uncased (generated fixture)', fixtureFile('bert-uncased'));
