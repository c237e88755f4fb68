# Pre-flight on a developer laptop: show which endpoint, model and key source the team's scripts will use, then prove they work.
[CmdletBinding()]
param(
    [string]$Model = ($env:PSOPENAPI_CORPUS_MODEL ?? 'gpt-realtime-mini'),
    [string]$LogDir = [System.IO.Path]::GetTempPath()
)

$BaseUrl = $env:OPENAI_BASE_URL
# "http://127.0.0.1:PORT/v1" split on '/' is 'http:', '', '127.0.0.1:PORT', 'v1'
$Parts = $BaseUrl -split '/'
Write-Output "host: $($Parts[2] -replace ':\d+$', '')"
Write-Output "path: $($Parts[-1])"
$Source = if ([string]::IsNullOrWhiteSpace($env:OPENAI_API_KEY)) { 'none' } else { 'environment' }
Write-Output "key source: $Source"
Write-Output "organisation: $($env:OPENAI_ORG_ID ?? '(none)')"
Write-Verbose "model $Model"

$LogPath = Join-Path $LogDir 'psopenapi-corpus-18-preflight.log'
Set-Content -Path $LogPath -Value "model=$Model"
Add-Content -Path $LogPath -Value "source=$Source"
Write-Output "log folder is the temp folder: $((Split-Path -Path $LogPath -Parent) -eq $LogDir.TrimEnd('/', '\'))"
Write-Output "log name: $(Split-Path -Path $LogPath -Leaf)"

$Secret = New-RealtimeClientSecret -RealtimeCreateClientSecretRequest (Initialize-RealtimeCreateClientSecretRequest -Session (Initialize-RealtimeSessionCreateRequestGA -Model $Model))
Write-Output "minted with $($Secret.session.model)"
Write-Output "log: $((Get-Content -Path $LogPath) -join '; ')"
Remove-Item -Path $LogPath
