#!/usr/bin/env bash
# Adds a migration for both providers: ./scripts/add-migration.sh <Name>
# dotnet-ef writes the model snapshot by namespace when the migrations folder sits outside the project,
# so the snapshots are moved back beside their migrations.
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh <MigrationName>}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root/src/MeshPortal.Web"
dotnet tool restore >/dev/null
for provider in Sqlite SqlServer; do
  dotnet ef migrations add "$name" --context "${provider}MeshDbContext" -o "../../migrations/$provider" --namespace "MeshPortal.Migrations.$provider"
  if [ -f "MeshPortal/Migrations/$provider/${provider}MeshDbContextModelSnapshot.cs" ]; then
    mv "MeshPortal/Migrations/$provider/${provider}MeshDbContextModelSnapshot.cs" "$root/migrations/$provider/"
  fi
done
rm -rf MeshPortal design-time.db
