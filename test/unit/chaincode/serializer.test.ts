/**
 * fabric-contract-api's own serializer, as the deployed chaincode uses it for
 * results without a schema, such as what `org.hyperledger.fabric:GetMetadata`
 * returns. It calls class-transformer's `classToPlain`, which 0.4.1 no longer
 * exports (the `^0.4.0` range fabric-contract-api asks for allows it), so the
 * chaincode pins class-transformer 0.4.0.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const JSONSerializer = require('fabric-contract-api/lib/jsontransactionserializer') as new () => {
  toBuffer(result: unknown, schema: object, loggerPrefix?: string): Buffer;
};

describe("fabric-contract-api's JSON serializer", () => {
  it('turns an object without a schema into JSON', () => {
    const bytes = new JSONSerializer().toBuffer({ contracts: { Token: { name: 'Token' } } }, {}, 'GetMetadata');
    expect(JSON.parse(bytes.toString('utf8'))).toEqual({ contracts: { Token: { name: 'Token' } } });
  });
});
