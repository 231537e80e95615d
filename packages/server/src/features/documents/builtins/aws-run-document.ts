/**
 * AWS-RunDocument: runs another document. Bosun's version serves the SSMDocument source on the
 * server (the step becomes the named document's steps, see render-steps.ts); GitHub and S3
 * sources reach the agent as an aws:runDocument step carrying sourceType and sourceInfo.
 */
export const awsRunDocument = {
  name: 'AWS-RunDocument',
  documentType: 'Command',
  content: JSON.stringify({
    schemaVersion: '2.2',
    description: 'Execute composite or nested Systems Manager documents (SSM documents) stored in a remote location or shared with this account.',
    parameters: {
      sourceType: {
        type: 'String',
        description: '(Required) The location of the document: GitHub, S3 or SSMDocument.',
        allowedValues: ['GitHub', 'S3', 'SSMDocument'],
      },
      sourceInfo: {
        type: 'StringMap',
        description: '(Required) Where to find the document. For SSMDocument: {"name": "<document name or ARN>[:<version>]"}.',
        displayType: 'textarea',
      },
      documentParameters: {
        type: 'StringMap',
        description: '(Optional) Parameters to pass to the document that runs.',
        default: {},
        displayType: 'textarea',
      },
    },
    mainSteps: [{
      action: 'aws:runDocument',
      name: 'runDocument',
      inputs: {
        documentType: '{{ sourceType }}',
        sourceInfo: '{{ sourceInfo }}',
        documentParameters: '{{ documentParameters }}',
      },
    }],
  }, null, 2),
};
