using Serverless.Testing;

namespace Serverless.Workflows.Tests;

[CollectionDefinition(AzuriteCollection.Name)]
public sealed class AzuriteCollectionDefinition : ICollectionFixture<AzuriteFixture>;
