# A retry helper for flaky calls in the on-call toolkit: run a script block up to N times, logging each try.
function Invoke-WithRetry {
    param(
        [Parameter(Mandatory)]
        [scriptblock]$Action,
        [ValidateRange(1, 5)]
        [int]$Attempts = 3,
        [string]$Label = 'call'
    )
    foreach ($Try in 1..$Attempts) {
        try {
            $Result = & $Action $Try
            "$Label try $Try ok"
            return $Result
        } catch {
            # a catch with no type catches everything, the block's own throw included
            "$Label try $Try failed: $($_.Exception.Message)"
        }
    }
    throw "$Label failed after $Attempts tries"
}

$Beta = Invoke-WithRetry -Label 'beta' -Action {
    param($N)
    if ($N -lt 2) {
        throw "warming up ($N)"
    }
    New-RealtimeSession -RealtimeSessionCreateRequest (Initialize-RealtimeSessionCreateRequest -Model 'gpt-4o-realtime-preview' -Modalities 'text')
}
# the function's output is its log lines followed by the session
foreach ($Line in $Beta[0..($Beta.Count - 2)]) {
    Write-Output $Line
}
Write-Output "beta session voice: $($Beta[-1].voice)"

$Ga = Invoke-WithRetry -Label 'ga' -Action {
    param($N)
    $GaSession = Initialize-RealtimeSessionCreateRequestGA -Model 'gpt-realtime-mini' -OutputModalities 'text'
    New-RealtimeClientSecret -RealtimeCreateClientSecretRequest (Initialize-RealtimeCreateClientSecretRequest -Session $GaSession)
}
Write-Output "ga returned $($Ga.Count) values: $($Ga[0]) / $($Ga[1].session.model)"

try {
    # assigned to $null, the log lines are thrown away with the rest of the output
    $null = Invoke-WithRetry -Attempts 2 -Label 'quota' -Action { param($N) throw 'quota closed' }
    Write-Output 'quota call passed (wrong)'
} catch {
    Write-Output "gave up: $_"
}
