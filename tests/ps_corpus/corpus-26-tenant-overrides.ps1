# Build a tenant's beta session from the platform defaults plus the tenant's overrides; an override wins whatever its letter case.
param(
    [string]$Tenant = 'northwind'
)

$Defaults = @{ Model = 'gpt-4o-realtime-preview'; Voice = 'alloy'; MaxResponseOutputTokens = 1024 }
$Overrides = '{"VOICE": "echo", "maxresponseoutputtokens": "4096", "instructions": "Be brief."}' | ConvertFrom-Json

$Params = @{}
foreach ($Key in $Defaults.Keys) {
    $Params[$Key] = $Defaults[$Key]
}
foreach ($Name in @('voice', 'MaxResponseOutputTokens', 'Instructions')) {
    $Value = $Overrides.$Name    # JSON property names ignore case
    if ($null -ne $Value) {
        $Params[$Name] = $Value    # hashtable keys ignore case too: 'voice' replaces 'Voice'
    }
}
Write-Output "keys: $($Params.Count)"
Write-Output "voice: $($Params['VOICE'])"
# "4096" from the JSON is text; 4096 -eq "4096" converts the text to a number
Write-Output "tokens override is 4096: $(4096 -eq $Overrides.maxResponseOutputTokens)"
$Params['MaxResponseOutputTokens'] = [int]$Params['maxresponseoutputtokens']

$Request = Initialize-RealtimeSessionCreateRequest @Params
$Session = New-RealtimeSession -RealtimeSessionCreateRequest $Request
Write-Output ('{0}: {1}, {2} tokens, "{3}"' -f $Tenant, $Session.voice, $Session.max_response_output_tokens, $Session.instructions)
