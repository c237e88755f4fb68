# Pre-flight for the call-centre bridge: try to mint a GA key with the vault's key, retrying while rotation propagates.
[CmdletBinding()]
param(
    [ValidateRange(1, 5)]
    [int]$MaxAttempts = 3,
    [ValidateSet('gpt-realtime', 'gpt-realtime-mini')]
    [string]$Model = 'gpt-realtime-mini'
)
$ErrorActionPreference = 'Stop'

function Test-Mint {
    param(
        [Parameter(Mandatory)]
        [string]$Token,
        [int]$Attempt
    )
    Set-Configuration -AccessToken $Token
    try {
        $Session = Initialize-RealtimeSessionCreateRequestGA -Model $Model -Instructions "Health probe $Attempt."
        $Secret = New-RealtimeClientSecret -RealtimeCreateClientSecretRequest (Initialize-RealtimeCreateClientSecretRequest -Session $Session)
        return $Secret.session.model
    } catch {
        $Code = [int]$_.Exception.Response.StatusCode
        Write-Warning "attempt $Attempt failed with HTTP $Code"
        return $null
    }
}

# the vault hands out the old key until the rotation has reached every replica
$Tokens = @('sk-stale', 'sk-stale', $env:OPENAI_API_KEY)
$Result = $null
$Attempt = 0
foreach ($Attempt in 1..$MaxAttempts) {
    $Result = Test-Mint -Token $Tokens[$Attempt - 1] -Attempt $Attempt
    if ($null -ne $Result) {
        break
    }
}
$ExitCode = if ($null -eq $Result) { 3 } else { 0 }
Write-Output ('{0,-10}{1}' -f 'attempts', $Attempt)
Write-Output ('{0,-10}{1}' -f 'model', ($Result ?? 'none'))
Write-Output ('{0,-10}{1:D2}' -f 'exit', $ExitCode)
Set-Configuration -AccessToken $env:OPENAI_API_KEY
exit $ExitCode
