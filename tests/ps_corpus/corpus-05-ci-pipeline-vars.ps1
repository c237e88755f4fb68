# CI step: mint a GA key for the integration tests and publish what it is as Azure Pipelines variables.
[CmdletBinding()]
param(
    [ValidateSet('dev', 'staging', 'prod')]
    [string]$Stage = 'staging',
    [switch]$PublishKey
)

$Model = switch ($Stage) {
    'prod' { 'gpt-realtime' }
    default { 'gpt-realtime-mini' }
}
$Session = Initialize-RealtimeSessionCreateRequestGA -Model $Model -OutputModalities 'text' -Instructions "Integration tests on $Stage."
$Expiry = Initialize-ClientSecretExpiration -Anchor 'created_at' -Seconds 1200
$Result = New-RealtimeClientSecret -RealtimeCreateClientSecretRequest (Initialize-RealtimeCreateClientSecretRequest -ExpiresAfter $Expiry -Session $Session)

$Vars = [ordered]@{
    RT_MODEL      = $Result.session.model
    RT_MODALITIES = $Result.session.output_modalities -join ','
}
$Vars['RT_TTL_MIN'] = 1200 / 60    # an exact division of integers stays an integer: 20, not 20.0
$Vars['RT_STAGE'] = $Stage.ToUpper()
$Vars['RT_TRACING'] = "$($Result.session.tracing)"    # tracing is null: $null inside a string is empty
foreach ($Entry in $Vars.GetEnumerator()) {
    Write-Output "##vso[task.setvariable variable=$($Entry.Key)]$($Entry.Value)"
}
if ($PublishKey) {
    Write-Output "##vso[task.setvariable variable=RT_KEY;issecret=true]$($Result.value)"
}
# the key collection inside a string is joined with spaces
Write-Output "published $($Vars.Count) variables: $($Vars.Keys)"
# hashtable keys ignore case
Write-Output "stage check: $($Vars['rt_stage'])"
