import { describeReference, fixtureFile } from './reference.js';

describeReference('roberta (generated fixture)', fixtureFile('roberta'));
